"""Read rules of the ICO files, each written once: when a measure is overdue, and who keeps or
chairs a casusoverleg. Pages, API views, forms and services call these (ARCHITECTURE:
`selectors.py`)."""

from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from cases import permissions
from cases.constants import OPEN_MEASURE_STATUSES
from cases.models import CasusOverleg, Measure
from parties.constants import FileKind
from parties.models import User
from parties.permissions import live_authorisations, may_act

# --- overdue measures (C3, C4) ------------------------------------------------------------------
# A measure is overdue on a day when it is still open (planned or in progress) and its deadline
# lies before that day. `overdue_q` says it to the database, `is_overdue` to Python; a test holds
# the two to the same answer for every status and deadline.


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


# --- who keeps and who chairs a casusoverleg (C4, C11) ------------------------------------------


def kept_overleggen(user: User) -> QuerySet:
    """The casusoverleggen whose file `user` keeps: the uitvoerder of their Veiligheidshuis with
    read-write on their file (P8); the rule is `cases.permissions`'."""
    return permissions.kept_casusoverleggen(user)


def is_keeper(user: User, casusoverleg: CasusOverleg) -> bool:
    return permissions.is_keeper(user, casusoverleg)


def chaired_overleggen(user: User) -> QuerySet:
    """The casusoverleggen `user` is one of the chairs of, while they may act and are authorised
    for the casusoverleg's file (P8: chairing gives no access by itself)."""
    if not may_act(user):
        return CasusOverleg.objects.none()
    authorised = (
        live_authorisations(user)
        .filter(file__kind=FileKind.ICO)
        .values_list("file__key", flat=True)
    )
    return CasusOverleg.objects.filter(chairs=user, pk__in=[int(key) for key in authorised])


def is_chair_of(user: User, casusoverleg: CasusOverleg) -> bool:
    return chaired_overleggen(user).filter(pk=casusoverleg.pk).exists()


def chair_records(user: User, casusoverleg: CasusOverleg) -> bool:
    """A chair records the outcome of a discussion only with read-write on the file (P8)."""
    return is_chair_of(user, casusoverleg) and permissions.may_record_in(user, casusoverleg)


def chairs_of(overleggen: QuerySet) -> QuerySet:
    """The users who chair one of `overleggen` (the chairs a meeting can have)."""
    return User.objects.filter(
        pk__in=CasusOverleg.chairs.through.objects.filter(casusoverleg__in=overleggen).values(
            "user"
        )
    )


def meeting_overleggen(user: User) -> QuerySet:
    """The casusoverleggen whose meetings `user` takes care of: those they chair or keep."""
    return CasusOverleg.objects.filter(
        Q(pk__in=chaired_overleggen(user).values("pk"))
        | Q(pk__in=kept_overleggen(user).values("pk"))
    )
