"""The retention sweep over real dossiers (B2-B6, O3): what is due is acted on, on its day and
not the day before; catching up after downtime, running twice, holds."""

from datetime import date, timedelta

import pytest

from retention.constants import Rule
from retention.models import DossierSweepState, Hold, SweepRun
from security.models import AuditEntry
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory
from tests.retention.sweep_fixtures import case, fate, not_substantial, records, sweep

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def ico():
    """In a Veiligheidshuis of its own: the weegploeg's parties have the same names."""
    return Ico(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek"))


def test_b3_b4_a_case_archived_after_a_year_and_destroyed_after_five(ico):
    ref = case(ico, on=date(2027, 1, 4))
    assert sweep(date(2028, 1, 3)).archived == 0
    assert fate(ref) == "kept"
    run = sweep(date(2028, 1, 4))
    assert (run.archived, run.destroyed) == (1, 0)
    assert fate(ref) == "archived"
    assert sweep(date(2032, 1, 3)).destroyed == 0
    assert fate(ref) == "archived"
    run = sweep(date(2032, 1, 4))
    assert (run.archived, run.destroyed, run.failed) == (0, 1, 0)
    assert fate(ref) == "destroyed"
    record = records(ref).get()
    assert (record.rule, record.due_on, record.run) == (Rule.DESTROY_TERM, date(2032, 1, 4), run)
    assert not DossierSweepState.objects.exists()


def test_b2_the_not_substantial_weegploeg_dossier_destroyed_after_six_months(wp):
    ref = not_substantial(wp, on=date(2027, 1, 4))
    sweep(date(2027, 7, 3))
    assert fate(ref) == "kept"
    run = sweep(date(2027, 7, 4))
    assert run.destroyed == 1
    assert fate(ref) == "destroyed"
    assert records(ref).get().rule == Rule.NOT_AGENDERED


# Due on the first day (D) and the days after; the last one not yet due on D + 3.
D = date(2028, 1, 4)
EXPECTED = {
    "case due D": "archived",
    "case due D+1": "archived",
    "weegploeg due D+1": "destroyed",
    "weegploeg due D+2": "destroyed",
    "case due D+4": "kept",
}


@pytest.mark.parametrize(
    "runs",
    [[D, D + DAY, D + 2 * DAY, D + 3 * DAY], [D + 3 * DAY]],
    ids=["on-time", "beat-down-three-days"],
)
def test_o3_beat_down_for_three_days_one_run_catches_up(wp, ico, runs):
    """O3: one run after three days without beat ends where the runs on time end."""
    refs = {
        "case due D": case(ico, on=date(2027, 1, 4)),
        "case due D+1": case(ico, on=date(2027, 1, 5)),
        "weegploeg due D+1": not_substantial(wp, on=date(2027, 7, 5)),
        "weegploeg due D+2": not_substantial(wp, on=date(2027, 7, 6)),
        "case due D+4": case(ico, on=date(2027, 1, 8)),
    }
    done = [sweep(day) for day in runs]
    assert {name: fate(ref) for name, ref in refs.items()} == EXPECTED
    assert sum(run.archived for run in done) == 2
    assert sum(run.destroyed for run in done) == 2
    for name in ("weegploeg due D+1", "weegploeg due D+2"):
        assert records(refs[name]).count() == 1


def test_o3_running_twice_changes_nothing_the_second_time(wp, ico):
    destroyed = not_substantial(wp, on=date(2027, 7, 4))
    archived = case(ico, on=date(2027, 1, 4))
    first = sweep(date(2028, 1, 4))
    assert (first.archived, first.destroyed) == (1, 1)
    second = sweep(date(2028, 1, 4))
    assert (second.archived, second.destroyed, second.held, second.failed) == (0, 0, 0, 0)
    assert second.finished_at is not None
    assert (fate(destroyed), fate(archived)) == ("destroyed", "archived")
    assert records(destroyed).count() == 1
    assert SweepRun.objects.count() == 2


def hold(ref, *, until, by):
    return Hold.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        reasons="Lopende procedure.",
        controller_decision="Langer bewaren tot de uitspraak.",
        until=until,
        recorded_by=by,
    )


def test_b6_vh_20_2_a_hold_stops_destruction_and_its_end_lets_it_go_on(wp):
    ref = not_substantial(wp, on=date(2027, 1, 4))
    other = not_substantial(wp, on=date(2027, 1, 4))
    held = hold(ref, until=date(2027, 9, 1), by=wp.uitvoerder)
    run = sweep(date(2027, 7, 4))
    assert (run.held, run.destroyed) == (1, 1)
    assert (fate(ref), fate(other)) == ("kept", "destroyed")
    assert not records(ref).exists()
    # On its last day the hold is in force still.
    assert sweep(date(2027, 9, 1)).held == 1
    assert fate(ref) == "kept"
    run = sweep(date(2027, 9, 2))
    assert not Hold.objects.filter(pk=held.pk).exists()  # ended, then gone with it (B8)
    assert (run.held, run.destroyed) == (0, 1)
    assert fate(ref) == "destroyed"
    assert records(ref).get().run == run


def test_b6_the_sweep_ends_a_lapsed_hold_and_logs_its_end(ico, wp):
    ref = case(ico, on=date(2027, 1, 4))
    held = hold(ref, until=date(2028, 2, 1), by=ico.keeper)
    assert sweep(date(2028, 2, 1)).held == 1
    run = sweep(date(2028, 2, 2))
    held.refresh_from_db()
    assert held.ended_at is not None and held.ended_by is None
    assert (run.held, run.archived) == (0, 1)
    entry = AuditEntry.objects.get_for_object(held).filter(action=AuditEntry.Action.UPDATE)
    assert "ended_at" in entry.get().changes_dict


def test_b6_a_held_dossier_is_not_archived_either(ico, wp):
    ref = case(ico, on=date(2027, 1, 4))
    hold(ref, until=date(2030, 1, 1), by=ico.keeper)
    assert sweep(date(2028, 1, 4)).held == 1
    assert fate(ref) == "kept"
