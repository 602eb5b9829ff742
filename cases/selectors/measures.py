"""When a measure is overdue or due (C3, C4), written once.

A measure is overdue on a day when it is still open (planned or in progress) and its deadline
lies before that day. `overdue_q` says it to the database, `is_overdue` to Python; a test holds
the two to the same answer for every status and deadline."""

from datetime import date

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as DbCase
from django.utils import timezone

from cases.constants import OPEN_MEASURE_STATUSES
from cases.models import Measure
from subjects.counters import count_of


def overdue_q(*, on: date | None = None, prefix: str = "") -> Q:
    """The overdue measures as a filter; `prefix` reaches them from another model
    ("measures__" from a case)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}status__in": OPEN_MEASURE_STATUSES, f"{prefix}deadline__lt": on})


def is_overdue(measure: Measure, *, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return measure.status in OPEN_MEASURE_STATUSES and measure.deadline < on


def overdue_measures(measures: QuerySet | None = None, *, on: date | None = None) -> QuerySet:
    """The overdue measures of `measures` (all measures when None)."""
    measures = Measure.objects.all() if measures is None else measures
    return measures.filter(overdue_q(on=on))


def overdue_measures_in(cases, *, on: date | None = None) -> QuerySet:
    """The overdue measures of the given cases (C3: they stand out)."""
    return overdue_measures(Measure.objects.filter(case__in=cases), on=on)


def due_q(*, until: date) -> Q:
    """For a meeting's agenda: the open measures due by the meeting, overdue ones included
    (C4)."""
    return Q(status__in=OPEN_MEASURE_STATUSES, deadline__lte=until)


def measures_due(case, *, until: date) -> QuerySet:
    return case.measures.filter(due_q(until=until))


def with_overdue(measures: QuerySet, *, on: date | None = None) -> QuerySet:
    """`measures`, each annotated `is_overdue` (on a day: a meeting's date, or today)."""
    return measures.annotate(
        is_overdue=ExpressionWrapper(overdue_q(on=on), output_field=BooleanField())
    )


def has_overdue_measures(*, on: date | None = None) -> Exists:
    """For annotating cases: whether the case has an overdue measure."""
    return Exists(overdue_measures(Measure.objects.filter(case=OuterRef("pk")), on=on))


def overdue_count(*, on: date | None = None) -> DbCase:
    """For annotating cases: how many of its measures are overdue. None when the case's earliest
    open deadline (`Case.next_measure_deadline`, kept by `cases.counts`) is not before the day;
    else counted over the partial index of open measures (issue 13). The database works it out
    only for the rows it returns, unless a list sorts by it."""
    on = on or timezone.localdate()
    return DbCase(
        When(next_measure_deadline__lt=on, then=count_of(overdue_measures(on=on), "case")),
        default=Value(0),
    )
