"""The stored due dates (issue 13, ADR 0021): each change to a dossier re-dates its row, the
preview and the sweep read only the dossiers the rows point at and show and do exactly what
they did over every dossier, in the same number of queries however many dossiers are not due;
the rebuild repairs a row gone stale or missing."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import meeting_services
from cases import services as case_services
from cases.constants import ClosingReason
from cases.models import Closing
from cases.permissions import file_of
from retention import due_index
from retention.constants import Action, ArchiveFrom, Rule
from retention.models import DossierDue
from retention.rules import due
from retention.services.destruction import destroy_dossier
from retention.services.reactivation import reactivate
from retention.services.sweep import _states, preview
from retention.services.terms import set_terms
from retention.terms import terms_by_file
from subjects import registry
from tests.retention.due_fixtures import case_of, check_on, everything, row, settle, state_of
from tests.retention.sweep_fixtures import at, case, not_substantial
from tests.weegploeg.factories import Weegploeg

pytestmark = pytest.mark.django_db

OPENED = date(2027, 1, 4)


def test_b2_a_decision_not_substantial_is_due_six_months_later(region):
    ref = not_substantial(Weegploeg(region), on=OPENED)
    assert check_on(ref) is None  # marked in the changing transaction, looked at every time
    settle()
    assert check_on(ref) == date(2027, 7, 4)
    assert row(ref).data_file_id == state_of(ref).data_file_id


def test_b6_a_closing_for_a_deceased_subject_is_due_at_once(ico):
    ref = case(ico, on=OPENED)
    settle()
    assert check_on(ref) == OPENED + relativedelta(months=12)  # B3: the archive term
    with at(date(2027, 3, 1)):
        opened = case_of(ref)
        case_services.advise_closing(
            opened, by=ico.keeper, advice="Overleden.", advised_on=date(2027, 3, 1)
        )
        case_services.decide_closing(
            opened, by=ico.keeper, reason=ClosingReason.DECEASED, decided_on=date(2027, 3, 1)
        )
    settle()
    assert check_on(ref) == date(2027, 3, 1)


def test_b4_c11_new_terms_re_date_every_dossier_of_the_file(ico, monkeypatch):
    refs = [case(ico, on=OPENED), case(ico, on=OPENED + relativedelta(days=1))]
    settle()
    ran = []
    monkeypatch.setattr(
        "retention.tasks.refresh_due_dates.delay",
        lambda data_file_id: ran.append(due_index.refresh_file(data_file_id)),
    )
    set_terms(
        file_of(ico.overleg),
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_PROCESSING,
        destroy_after_months=72,
    )
    assert [check_on(ref) for ref in refs] == [None, None]
    settle()
    assert len(ran) == 1
    assert [check_on(ref) for ref in refs] == [
        OPENED + relativedelta(months=24),
        OPENED + relativedelta(days=1, months=24),
    ]


def test_b3_b5_archived_the_destroy_term_then_reactivated_the_archive_term(ico):
    ref = case(ico, on=OPENED)
    with at(date(2028, 1, 4)):
        registry.get("ico").archive(ref, by=ico.keeper)
    settle()
    state = state_of(ref)
    assert state.archived
    assert check_on(ref) == state.last_processed_on + relativedelta(months=60)  # B4
    with at(date(2028, 2, 1)):
        reactivate(ref, instructed_by="Mr. De Boer", reason="Nieuw signaal.", by=ico.keeper)
    settle()
    state = state_of(ref)
    assert not state.archived
    assert check_on(ref) == state.last_processed_on + relativedelta(months=12)  # B3


def test_b8_a_destroyed_dossier_loses_its_row(region):
    ref = not_substantial(Weegploeg(region), on=OPENED)
    settle()
    with at(date(2027, 7, 4)):
        destroy_dossier(ref, rule=Rule.NOT_AGENDERED, due_on=date(2027, 7, 4))
    assert row(ref) is None  # at once, in the destroying transaction
    settle()
    assert row(ref) is None


def test_b1_a_row_deleted_without_its_dossier_loaded_is_looked_up_after_the_commit(ico):
    """A closing deleted by a queryset (its case not loaded): the case is found after the
    commit and re-dated."""
    ref = case(ico, on=OPENED)
    with at(date(2027, 3, 1)):
        opened = case_of(ref)
        case_services.advise_closing(
            opened, by=ico.keeper, advice="Overleden.", advised_on=date(2027, 3, 1)
        )
        case_services.decide_closing(
            opened, by=ico.keeper, reason=ClosingReason.DECEASED, decided_on=date(2027, 3, 1)
        )
    settle()
    assert check_on(ref) == date(2027, 3, 1)
    Closing.objects.filter(case__number=ref.key).delete()
    settle()
    assert check_on(ref) == state_of(ref).last_processed_on + relativedelta(months=12)


def test_vh20_a_case_whose_meeting_passes_falls_due_without_a_change(ico):
    """VH 20.1: in progress while its meeting is to come, so not archived; the day after the
    meeting its archive term (passed meanwhile) is due. Nothing is written that day: the row
    already points at the archive day, as if the case were not in progress."""
    ref = case(ico, on=OPENED)
    processed = date(2027, 6, 1)
    meeting_on = processed + relativedelta(months=13)
    with at(processed):
        meeting_services.hold_meeting(
            casusoverleg=ico.overleg,
            held_on=meeting_on,
            chair=ico.chair,
            attendees=[ico.politie, ico.gemeente],
            cases=[case_of(ref)],
            by=ico.keeper,
        )
    settle()
    archive_on = processed + relativedelta(months=12)
    assert check_on(ref) == archive_on
    with at(meeting_on):
        assert state_of(ref).in_progress
        assert [p.ref for p in preview(days=0)] == []
        assert preview(days=0) == everything(lambda: preview(days=0))
    with at(meeting_on + relativedelta(days=1)):
        planned = preview(days=0)
        assert [(p.ref, p.action, p.due_on) for p in planned] == [(ref, Action.ARCHIVE, archive_on)]
        assert planned == everything(lambda: preview(days=0))
    assert check_on(ref) == archive_on


def _world(region, ico):
    """Dossiers of every kind, each due on its own day."""
    wp = Weegploeg(region)
    refs = {
        "not substantial": not_substantial(wp, on=OPENED),
        "case": case(ico, on=OPENED),
        "later case": case(ico, on=date(2027, 5, 1)),
    }
    refs["deceased"] = case(ico, on=OPENED)
    with at(date(2027, 3, 1)):
        opened = case_of(refs["deceased"])
        case_services.advise_closing(
            opened, by=ico.keeper, advice="Overleden.", advised_on=date(2027, 3, 1)
        )
        case_services.decide_closing(
            opened, by=ico.keeper, reason=ClosingReason.DECEASED, decided_on=date(2027, 3, 1)
        )
    refs["archived"] = case(ico, on=date(2026, 1, 5))
    with at(date(2027, 1, 5)):
        registry.get("ico").archive(refs["archived"], by=ico.keeper)
    settle()
    return refs


DAYS = [date(2027, 2, 1), date(2027, 3, 1), date(2027, 7, 4), date(2028, 1, 4), date(2031, 1, 5)]


@pytest.mark.parametrize("day", DAYS)
def test_b2_b6_o3_the_preview_and_the_sweep_list_exactly_what_every_dossier_gives(region, ico, day):
    _world(region, ico)

    def todo():
        states = _states(until=day)
        terms = terms_by_file({state.data_file_id for state in states})
        return {s.ref for s in states if due(s, terms[s.data_file_id], as_of=day)}

    with at(day):
        for days in (0, 28, 400):
            planned = preview(as_of=day, days=days)
            assert planned == everything(lambda days=days: preview(as_of=day, days=days))
        assert todo() == everything(todo)
        assert len(_states(until=day)) < DossierDue.objects.count() or day == DAYS[-1]


def test_o3_the_preview_reads_the_same_queries_for_3_or_30_dossiers_not_due(region, ico):
    """Issue 13: the work and the queries follow the dossiers due in the window, not the
    dossiers there are."""
    wp = Weegploeg(region)
    due_ref = not_substantial(wp, on=OPENED)
    day = date(2027, 7, 4)

    def measured():
        settle()
        with at(day), CaptureQueriesContext(connection) as queries:
            planned = preview(days=28)
        return [p.ref for p in planned], len(queries), len(_states(until=day))

    for _ in range(3):
        case(ico, on=date(2027, 6, 1))
    few = measured()
    for _ in range(27):
        case(ico, on=date(2027, 6, 1))
    many = measured()
    assert few == many == ([due_ref], few[1], 1)


def test_o3_the_rebuild_repairs_a_stale_and_a_missing_row(region, ico):
    refs = _world(region, ico)
    day = date(2028, 1, 4)
    with at(day):
        expected = preview(days=0)
    assert {p.ref for p in expected} == {refs["not substantial"], refs["case"], refs["deceased"]}
    DossierDue.objects.filter(dossier_key=refs["deceased"].key).update(check_on=date(2040, 1, 1))
    row(refs["case"]).delete()
    DossierDue.objects.create(file_label="ico", dossier_key="gone", check_on=date(2027, 1, 1))
    with at(day):
        # What a row gone wrong costs until the rebuild: those dossiers are not seen.
        assert [p.ref for p in preview(days=0)] == [refs["not substantial"]]
        assert due_index.rebuild() == len(refs)
        assert preview(days=0) == expected
    assert not DossierDue.objects.filter(dossier_key="gone").exists()
    assert DossierDue.objects.count() == len(refs)


def test_o3_a_refresh_that_read_before_a_change_does_not_overwrite_it(region):
    """A change marks the row with a new stamp; a refresh that read the old one leaves it
    for the change's own refresh."""
    ref = not_substantial(Weegploeg(region), on=OPENED)
    settle()
    read = {ref.key: row(ref).stamp}
    states = {ref.key: state_of(ref)}
    due_index.mark([ref])  # a change, after the refresh read the dossier
    due_index._write(ref.file_label, read, states, terms_by_file([states[ref.key].data_file_id]))
    assert check_on(ref) is None
    settle()
    due_index.refresh([ref])
    assert check_on(ref) == date(2027, 7, 4)


@pytest.mark.django_db(transaction=True)
def test_b2_the_commit_itself_works_out_the_row(region):
    """With real commits no test helper is needed: each service's commit refreshes."""
    ref = not_substantial(Weegploeg(region), on=OPENED)
    assert check_on(ref) == date(2027, 7, 4)
