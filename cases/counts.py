"""The counts the ICO files' lists show, kept on the parent row (issue 13; `subjects.counters`):
a case's open measures and the earliest deadline among them, a meeting's cases. These functions
are the one place that sets them; the services call them in their transaction after changing
the children.

Whether a case has overdue measures depends on the day, so it is not kept: the case list derives
it from `next_measure_deadline` (none overdue when that is today or later) and counts them, for
the rows it shows only, over the partial index of open measures (`Measure.Meta.indexes`)."""

from django.db.models import OuterRef, Subquery

from cases.constants import OPEN_MEASURE_STATUSES
from cases.models import Case, CaseMeeting, Discussion, Measure
from subjects.counters import count_of, recount


def open_measures():
    return Measure.objects.filter(status__in=OPEN_MEASURE_STATUSES)


def case_counts() -> dict:
    return {
        "open_measure_count": count_of(open_measures(), "case"),
        "next_measure_deadline": Subquery(
            open_measures().filter(case=OuterRef("pk")).order_by("deadline").values("deadline")[:1]
        ),
    }


def discussions_counted():
    return count_of(Discussion.objects.all(), "meeting")


def recount_cases(*cases) -> None:
    recount(Case, cases, **case_counts())


def recount_meetings(*meetings) -> None:
    recount(CaseMeeting, meetings, case_count=discussions_counted())


def recount_all() -> None:
    """Every count afresh (the data migration, a bulk load): no lock, one statement each."""
    Case._base_manager.update(**case_counts())
    CaseMeeting._base_manager.update(case_count=discussions_counted())
