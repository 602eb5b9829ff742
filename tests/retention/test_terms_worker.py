"""Each term, each side of it, as production runs it (B3, B4, B6, VH 20.1, O3): the hourly beat
task on a real Celery worker, with the clock moved by time-machine. The day before the term
the dossier is kept; on the day it falls due the worker archives or destroys it. (B2 on a
worker: tests/retention/test_sweep_worker.py.)"""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from cases import meeting_services
from cases import services as case_services
from cases.constants import ClosingReason
from cases.permissions import file_of
from retention import tasks
from retention.constants import ArchiveFrom, Rule
from retention.models import SweepRun
from retention.services.terms import set_terms
from subjects.constants import CheckOutcome
from tests.cases.factories import Ico
from tests.celery_worker import wait_for
from tests.retention.sweep_fixtures import at, case, fate, records

pytestmark = pytest.mark.django_db(transaction=True)

OPENED = date(2027, 1, 4)


def sweep_on_worker(day: date) -> None:
    before = SweepRun.objects.filter(finished_at__isnull=False).count()
    with at(day):
        tasks.sweep.delay()
        wait_for(lambda: SweepRun.objects.filter(finished_at__isnull=False).count() > before)


def deceased(ico, *, on: date):
    """A case closed on `on` because the subject died (VH 20.2d)."""
    from cases.models import Case

    ref = case(ico, on=OPENED)

    opened = Case.objects.get(number=ref.key)
    with at(on):
        case_services.advise_closing(opened, by=ico.keeper, advice="Overleden.", advised_on=on)
        case_services.decide_closing(
            opened, by=ico.keeper, reason=ClosingReason.DECEASED, decided_on=on
        )
    return ref


def on_agenda(ico, *, on: date):
    """A case of a VH module (archive term from the last time on the agenda, VH 20.1),
    discussed at a meeting on `on` and checked (processed) four months later: the term runs
    from the meeting, not from the check."""
    from cases.models import Case

    set_terms(
        file_of(ico.overleg),
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
    )
    ref = case(ico, on=OPENED)
    with at(on):
        meeting_services.hold_meeting(
            casusoverleg=ico.overleg,
            held_on=on,
            chair=ico.chair,
            attendees=[ico.politie, ico.gemeente],
            cases=[Case.objects.get(number=ref.key)],
            by=ico.keeper,
        )
    with at(on + relativedelta(months=4)):
        case_services.record_check(
            Case.objects.get(number=ref.key), by=ico.keeper, outcome=CheckOutcome.CORRECT
        )
    return ref


TERMS = {
    # B3, CTER 13.2: to the archive a year after the last processing.
    "b3-archive-after-a-year": (
        lambda ico: case(ico, on=OPENED),
        OPENED + relativedelta(months=12),
        "archived",
        None,
    ),
    # B4, CTER 13.1: destroyed five years after the last processing.
    "b4-destroyed-after-five-years": (
        lambda ico: case(ico, on=OPENED),
        OPENED + relativedelta(months=60),
        "destroyed",
        Rule.DESTROY_TERM,
    ),
    # B6, VH 20.2d: deceased, destroyed at once: on the day of the decision to close.
    "b6-deceased-destroyed-at-once": (
        lambda ico: deceased(ico, on=date(2027, 3, 1)),
        date(2027, 3, 1),
        "destroyed",
        Rule.DECEASED,
    ),
    # VH 20.1: to the archive two years after the last time on the agenda.
    "vh20-archive-two-years-off-the-agenda": (
        lambda ico: on_agenda(ico, on=date(2027, 2, 1)),
        date(2027, 2, 1) + relativedelta(months=24),
        "archived",
        None,
    ),
}


@pytest.mark.parametrize("term", list(TERMS), ids=list(TERMS))
def test_each_term_each_side_on_a_worker(worker, region, term):
    build, due_on, fate_then, rule = TERMS[term]
    ico = Ico(region)
    ref = build(ico)
    sweep_on_worker(due_on - relativedelta(days=1))
    assert fate(ref) != fate_then  # kept (a dossier due for destruction may be archived)
    assert not records(ref).exists()
    sweep_on_worker(due_on)
    assert fate(ref) == fate_then
    if rule is not None:
        assert records(ref).get().rule == rule
