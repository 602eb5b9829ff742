"""Issue 13: the counts the ICO lists show are kept on the parent row (a case's open measures
and the earliest deadline among them, a meeting's cases) and equal the real ones after every
path that changes the children: adding a measure, reporting progress, changing its status,
rectifying and erasing one, the copy for a moved subject, holding a meeting, erasing a
discussion, destroying a case; the data migration fills them for the rows that were there.
Overdue depends on the day, so the case list derives it from the kept deadline."""

import importlib
import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import meeting_services, selectors, services
from cases.constants import OPEN_MEASURE_STATUSES, MeasureStatus
from cases.models import Case, CaseMeeting, Discussion, Measure
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.factories import Ico
from tests.cases.transfer_fixtures import elsewhere
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def assert_counts_are_real():
    for case in Case.objects.all():
        open_measures = Measure.objects.filter(case=case, status__in=OPEN_MEASURE_STATUSES)
        assert case.open_measure_count == open_measures.count(), case.number
        deadlines = sorted(open_measures.values_list("deadline", flat=True))
        assert case.next_measure_deadline == (deadlines[0] if deadlines else None), case.number
    for meeting in CaseMeeting.objects.all():
        assert meeting.case_count == Discussion.objects.filter(meeting=meeting).count()


def add(ico, case, deadline, owner=None):
    return services.add_measure(
        case, by=ico.keeper, description="Gesprek", owner=owner or ico.rvdk, deadline=deadline
    )


def ref_of(case) -> DossierRef:
    return DossierRef("ico", case.number)


def test_issue13_the_case_counts_follow_every_path_that_changes_a_measure(ico):
    case = ico.open_case()
    assert (case.open_measure_count, case.next_measure_deadline) == (0, None)
    late = add(ico, case, date(2026, 12, 31))
    assert (case.open_measure_count, case.next_measure_deadline) == (1, date(2026, 12, 31))
    early = add(ico, case, date(2026, 12, 1))
    ico.open_case(surname="Visser")  # another case, untouched
    assert_counts_are_real()

    services.change_measure_status(early, by=ico.raad, status=MeasureStatus.DONE)
    assert Case.objects.get(pk=case.pk).next_measure_deadline == date(2026, 12, 31)
    services.report_progress(late, by=ico.raad, text="Gestopt.", status=MeasureStatus.CANCELLED)
    assert Case.objects.get(pk=case.pk).open_measure_count == 0
    assert_counts_are_real()
    services.report_progress(
        early, by=ico.raad, text="Toch niet.", status=MeasureStatus.IN_PROGRESS
    )
    assert Case.objects.get(pk=case.pk).open_measure_count == 1
    assert_counts_are_real()

    file, ref = registry.get("ico"), ref_of(case)
    file.rectify(ref, registry.item_ref(early), {"deadline": date(2026, 11, 15)}, by=ico.keeper)
    assert Case.objects.get(pk=case.pk).next_measure_deadline == date(2026, 11, 15)
    file.rectify(ref, registry.item_ref(late), {"status": MeasureStatus.PLANNED}, by=ico.keeper)
    assert Case.objects.get(pk=case.pk).open_measure_count == 2
    assert_counts_are_real()
    file.erase(ref, registry.item_ref(early), by=ico.keeper)
    assert Case.objects.get(pk=case.pk).next_measure_deadline == date(2026, 12, 31)
    assert_counts_are_real()


def test_issue13_the_copy_for_a_moved_subject_counts_its_measures(ico):
    case = ico.open_case()
    add(ico, case, date(2026, 12, 1))
    done = add(ico, case, date(2026, 11, 1))
    services.change_measure_status(done, by=ico.raad, status=MeasureStatus.DONE)
    other = elsewhere()
    other.overleg.participants.add(ico.rvdk)
    copy = services_copy(case, ico, other)
    assert (copy.open_measure_count, copy.next_measure_deadline) == (1, date(2026, 12, 1))
    assert_counts_are_real()


def services_copy(case, ico, other):
    from cases import transfer_services

    return transfer_services.copy_for_moved_subject(
        case,
        to=other.overleg,
        by=ico.keeper,
        requested_by=other.keeper,
        checked_by=other.keeper,
        check_note="Verhuisd; grondslag en noodzaak getoetst (VH 20.2b).",
    )


def hold(ico, cases, held_on=date(2026, 12, 10)):
    return meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=held_on,
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=cases,
        by=ico.keeper,
    )


def test_issue13_the_meeting_count_follows_the_agenda_the_erasure_and_the_destruction(ico):
    one, two, three = (ico.open_case(surname=name) for name in ("Een", "Twee", "Drie"))
    meeting = hold(ico, [one, two, three])
    assert meeting.case_count == 3
    discussion = Discussion.objects.get(meeting=meeting, case=two)
    registry.get("ico").erase(ref_of(two), registry.item_ref(discussion), by=ico.keeper)
    assert CaseMeeting.objects.get(pk=meeting.pk).case_count == 2
    registry.get("ico").destroy(ref_of(three), by=None)  # B8: the case goes with its discussions
    assert CaseMeeting.objects.get(pk=meeting.pk).case_count == 1
    assert_counts_are_real()


def test_issue13_the_data_migration_fills_the_counts_of_the_rows_that_were_there(ico):
    case = ico.open_case()
    add(ico, case, date(2026, 12, 31))
    add(ico, case, date(2026, 12, 1))
    hold(ico, [case])
    Case.objects.update(open_measure_count=0, next_measure_deadline=None)
    CaseMeeting.objects.update(case_count=0)
    importlib.import_module("cases.migrations.0011_fill_parent_counts").fill(apps, None)
    assert Case.objects.get(pk=case.pk).next_measure_deadline == date(2026, 12, 1)
    assert_counts_are_real()


def test_issue13_c3_the_case_list_derives_overdue_from_the_kept_deadline(ico):
    today = timezone.localdate()
    case = ico.open_case()
    add(ico, case, today + timedelta(days=10))
    add(ico, case, today + timedelta(days=12))
    done = add(ico, case, today + timedelta(days=1))
    services.change_measure_status(done, by=ico.raad, status=MeasureStatus.DONE)
    quiet = ico.open_case(surname="Visser")
    add(ico, quiet, today + timedelta(days=60))
    for days, overdue in ((10, 0), (11, 1), (13, 2)):
        with time_machine.travel(today + timedelta(days=days), tick=False):
            client = verified_client(ico.keeper)
            response = client.get(reverse("cases:case-list"), {"status": ""})
            listed = {c.number: c for c in response.context["cases"]}
            assert listed[case.number].overdue_count == overdue
            assert listed[quiet.number].overdue_count == 0
            on = timezone.localdate()
            in_python = selectors.overdue_measures_in(Case.objects.filter(pk=case.pk), on=on)
            assert overdue == in_python.count()
            assert listed[case.number].next_deadline == today + timedelta(days=10)


def test_issue13_the_case_list_reads_no_measure_of_a_case_without_one_overdue(ico):
    case = ico.open_case()
    add(ico, case, timezone.localdate() + timedelta(days=30))
    client = verified_client(ico.keeper)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:case-list"), {"status": ""})
    assert [c.overdue_count for c in response.context["cases"]] == [0]
    listed = [q["sql"] for q in queries.captured_queries if '"cases_case"."number"' in q["sql"]]
    # The measures are named only inside the CASE on the kept deadline, never joined.
    assert listed and all('JOIN "cases_measure"' not in sql for sql in listed)


@pytest.mark.django_db(transaction=True)
def test_issue13_measures_added_at_the_same_moment_are_all_counted(region):
    """The count is set under a row lock and counted in a statement after it: a service that
    waited for another's lock counts that one's measure too (`subjects.counters`)."""
    ico = Ico(region)
    case = ico.open_case()
    count = 4
    start = threading.Barrier(count)
    errors = []

    def add_one(day):
        try:
            start.wait()
            add(ico, Case.objects.get(pk=case.pk), date(2026, 12, day))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add_one, args=(day,)) for day in range(1, count + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    case.refresh_from_db()
    assert (case.open_measure_count, case.next_measure_deadline) == (count, date(2026, 12, 1))
