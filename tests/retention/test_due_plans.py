"""The stored plans (issue 13, ADR 0031; B2-B6, O3, U1): a dossier's row holds what
`retention.rules` decide of it when only a write can change that, so the preview (the
uitvoerder's panel, `/bewaren/`) reads no state of it, shows exactly what the states give on
every day, and reads the same number of queries however many dossiers fall due. Each change to
a dossier (a new processing, a measure, a reactivation, new terms) changes its plan."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import meeting_services
from cases import services as case_services
from cases.constants import ClosingReason, MeasureStatus
from cases.permissions import file_of
from retention import due_index
from retention.constants import Action, ArchiveFrom, Rule
from retention.models import DossierDue
from retention.rules import Due, choose, due, next_due, shown
from retention.services.reactivation import reactivate
from retention.services.sweep import preview
from retention.services.terms import set_terms
from retention.terms import terms_by_file
from subjects import registry
from tests.conftest import verified_client
from tests.retention.due_fixtures import case_of, everything, row, settle, state_of
from tests.retention.sweep_fixtures import at, case, not_substantial
from tests.weegploeg.factories import Weegploeg

pytestmark = pytest.mark.django_db

OPENED = date(2027, 1, 4)


def _plan(ref) -> tuple:
    return tuple(getattr(row(ref), field) for field in due_index.PLAN_FIELDS)


def _deceased(ico, ref, on: date) -> None:
    with at(on):
        opened = case_of(ref)
        case_services.advise_closing(opened, by=ico.keeper, advice="Overleden.", advised_on=on)
        case_services.decide_closing(
            opened, by=ico.keeper, reason=ClosingReason.DECEASED, decided_on=on
        )


def _measure(ico, ref, on: date):
    with at(on):
        return case_services.add_measure(
            case_of(ref),
            by=ico.keeper,
            description="Begeleiding.",
            owner=ico.politie,
            deadline=on + relativedelta(months=3),
        )


def _meeting(ico, ref, *, on: date, held_on: date) -> None:
    with at(on):
        meeting_services.hold_meeting(
            casusoverleg=ico.overleg,
            held_on=held_on,
            chair=ico.chair,
            attendees=[ico.politie, ico.gemeente],
            cases=[case_of(ref)],
            by=ico.keeper,
        )


MEETING_ON = date(2028, 3, 1)


def _world(region, ico):
    """Dossiers of every kind: not put on the agenda (B2), an ordinary case (B3), a deceased
    subject (B6), an archived case (B4), a case in progress by an open measure and one by a
    meeting to come (VH 20.1), each due (and overdue) on days of its own."""
    refs = {
        "not substantial": not_substantial(Weegploeg(region), on=OPENED),
        "case": case(ico, on=OPENED),
        "later case": case(ico, on=date(2027, 5, 1)),
        "deceased": case(ico, on=OPENED),
        "archived": case(ico, on=date(2026, 1, 5)),
        "open measure": case(ico, on=OPENED),
        "meeting": case(ico, on=OPENED),
    }
    _deceased(ico, refs["deceased"], date(2027, 3, 1))
    with at(date(2027, 1, 5)):
        registry.get("ico").archive(refs["archived"], by=ico.keeper)
    _measure(ico, refs["open measure"], date(2027, 2, 1))
    _meeting(ico, refs["meeting"], on=date(2027, 2, 1), held_on=MEETING_ON)
    settle()
    return refs


DAYS = [
    date(2027, 2, 1),
    date(2027, 3, 1),
    date(2027, 7, 4),
    date(2028, 1, 4),
    date(2028, 2, 1),
    MEETING_ON,
    MEETING_ON + timedelta(days=1),
    date(2031, 1, 5),
    date(2033, 2, 2),
]


@pytest.mark.parametrize("day", DAYS)
def test_b3_issue13_the_preview_from_stored_plans_is_the_preview_from_states(region, ico, day):
    refs = _world(region, ico)
    assert DossierDue.objects.filter(destroy_on__isnull=True).count() == 0
    with at(day):
        assert due_index.plans_due_by(day + timedelta(days=400), today=day)[1] == []  # no state
        for days in (0, 28, 400):
            planned = preview(as_of=day, days=days)
            assert planned == everything(lambda days=days: preview(as_of=day, days=days))
    if day == date(2028, 2, 1):  # the one in progress by a measure is never due to archive
        assert {p.ref: p.action for p in planned} == {
            refs["not substantial"]: Action.DESTROY,
            refs["case"]: Action.ARCHIVE,
            refs["later case"]: Action.ARCHIVE,
            refs["deceased"]: Action.DESTROY,
        }


def test_b3_issue13_a_meeting_to_come_is_stored_and_ends_by_itself(region, ico):
    """VH 20.1: in progress through the day of its meeting, with nothing written after;
    the stored plan says so, and the preview shows its archiving the day after."""
    ref = case(ico, on=OPENED)
    _meeting(ico, ref, on=date(2027, 2, 1), held_on=MEETING_ON)
    settle()
    assert row(ref).busy_until == MEETING_ON
    archive_on = date(2028, 2, 1)
    assert row(ref).archive_on == archive_on
    with at(MEETING_ON):
        assert preview(days=0) == []
    with at(MEETING_ON + timedelta(days=1)):
        planned = preview(days=0)
        assert [(p.ref, p.action, p.due_on) for p in planned] == [(ref, Action.ARCHIVE, archive_on)]
        assert planned == everything(lambda: preview(days=0))


def test_b3_b5_issue13_each_change_to_a_dossier_changes_its_stored_plan(region, ico, monkeypatch):
    ref = case(ico, on=OPENED)
    settle()
    state = state_of(ref)
    assert _plan(ref) == (
        OPENED + relativedelta(months=60),
        Rule.DESTROY_TERM,
        OPENED + relativedelta(months=12),
        None,
        ico.overleg.name,
    )
    # A measure: in progress until it is written again.
    measure = _measure(ico, ref, date(2027, 6, 1))
    settle()
    assert _plan(ref)[2:4] == (date(2028, 6, 1), date.max)  # a new processing, in progress
    with at(date(2027, 9, 1)):
        case_services.change_measure_status(measure, by=ico.agent, status=MeasureStatus.DONE)
    settle()
    assert _plan(ref)[:4] == (
        date(2032, 9, 1),
        Rule.DESTROY_TERM,
        date(2028, 9, 1),
        None,
    )
    # Archived, the archive day goes; reactivated, it comes back (B5).
    with at(date(2028, 9, 1)):
        registry.get("ico").archive(ref, by=ico.keeper)
    settle()
    assert _plan(ref)[2] is None
    with at(date(2028, 10, 1)):
        reactivate(ref, instructed_by="Mr. De Boer", reason="Nieuw signaal.", by=ico.keeper)
    settle()
    state = state_of(ref)
    assert not state.archived
    assert _plan(ref)[2] == state.last_processed_on + relativedelta(months=12)
    # New terms of its file: marked at once (its state read meanwhile), then worked out (B4).
    monkeypatch.setattr(
        "retention.tasks.refresh_due_dates.delay",
        lambda data_file_id: due_index.refresh_file(data_file_id),
    )
    set_terms(
        file_of(ico.overleg),
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_PROCESSING,
        destroy_after_months=72,
    )
    assert row(ref).destroy_on is None
    settle()
    assert _plan(ref)[:3] == (
        state.last_processed_on + relativedelta(months=72),
        Rule.DESTROY_TERM,
        state.last_processed_on + relativedelta(months=24),
    )
    # A deceased subject: destroyed at once (B6).
    _deceased(ico, ref, date(2029, 1, 2))
    settle()
    assert _plan(ref)[:2] == (date(2029, 1, 2), Rule.DECEASED)


def test_b2_issue13_a_dossier_not_worked_out_is_read_from_its_state(region, ico):
    """A row marked (a change not yet committed, or made before the plans: the migration
    leaves `destroy_on` empty) is decided from the dossier's state, as before."""
    refs = _world(region, ico)
    day = date(2028, 2, 1)
    with at(day):
        expected = preview(days=28)
    DossierDue.objects.filter(dossier_key=refs["case"].key).update(destroy_on=None)
    with at(day):
        plans, states = due_index.plans_due_by(day + timedelta(days=28), today=day)
        assert [s.ref for s in states] == [refs["case"]]
        assert refs["case"] not in {p.ref for p in plans}
        assert preview(days=28) == expected


def test_b3_issue13_the_rule_from_the_two_days_is_the_rule_from_the_state(region, ico):
    """`retention.rules.choose` and `shown` decide from a dossier's earliest destruction and
    archiving what `due` and `next_due` decide from its state."""
    refs = _world(region, ico)
    terms = terms_by_file({state_of(ref).data_file_id for ref in refs.values()})
    for ref in refs.values():
        state = state_of(ref)
        plan = due_index.plan_of(state, terms[state.data_file_id])
        destruction = Due(Action.DESTROY, plan[1], plan[0])
        archive = None
        if plan[2] is not None and not state.in_progress:
            archive = Due(Action.ARCHIVE, Rule.ARCHIVE_TERM, plan[2])
        for day in DAYS:
            assert choose(destruction, archive, as_of=day) == due(
                state, terms[state.data_file_id], as_of=day
            )
        first = next_due(state, terms[state.data_file_id])
        assert shown(destruction, archive, as_of=first.due_on, until=first.due_on) == first


def _due_cases(ico, count: int) -> None:
    for _ in range(count):
        case(ico, on=OPENED)
    settle()


def test_u1_b3_issue13_the_panel_and_the_overview_read_as_many_queries_for_3_or_30_due(ico):
    """Issue 13: the uitvoerder's panel and `/bewaren/` read the stored plans in one query,
    however many dossiers fall due, within the budget of a page."""
    day = OPENED + relativedelta(months=12, days=3)  # each case's archive term has passed
    panel_url = reverse("dashboard-panel", args=["retention-due"])

    def measured() -> tuple[int, int, int]:
        with at(day):
            client = verified_client(ico.keeper)
            client.get("/bewaren/")  # the session warm
            with CaptureQueriesContext(connection) as panel:
                shown_panel = client.get(panel_url, headers={"HX-Request": "true"})
            with CaptureQueriesContext(connection) as page:
                response = client.get("/bewaren/")
        assert shown_panel.status_code == response.status_code == 200
        return response.context["paginator"].count, len(panel), len(page)

    _due_cases(ico, 3)
    few = measured()
    _due_cases(ico, 27)
    many = measured()
    assert (few[0], many[0]) == (3, 30)
    assert few[1:] == many[1:]
    assert max(many[1:]) <= 12
