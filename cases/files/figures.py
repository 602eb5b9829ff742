"""The ICO files' figures for management information and for what retention keeps of a
destroyed case (U6, B7): counted in the database per casusoverleg (its ICO file), month, figure
and reason. No names, no case numbers."""

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from cases.constants import OPEN_MEASURE_STATUSES, ClosingReason, MeasureStatus
from cases.models import CasusOverleg, Closing, Measure, ProgressNote
from cases.permissions import file_of
from parties.constants import FileKind
from parties.models import DataFile
from subjects.registry import (
    CLOSED,
    LATE,
    MEASURES,
    MEASURES_DUE,
    ON_TIME,
    OPENED,
    Figure,
)

REASONS = dict(ClosingReason.choices)


def _files(overleg_ids) -> dict[int, int]:
    """The ICO file of each casusoverleg (made on first use, as everywhere)."""
    ids = set(overleg_ids)
    known = {
        int(key): pk
        for key, pk in DataFile.objects.filter(
            kind=FileKind.ICO, key__in=[str(i) for i in ids]
        ).values_list("key", "pk")
    }
    for overleg in CasusOverleg.objects.filter(pk__in=ids - set(known)):
        known[overleg.pk] = file_of(overleg).pk
    return known


def _timeliness():
    """A measure done by its deadline (the day of its last progress report, the report that
    set it done) is on time; done later, or still open after its deadline, late. An open
    measure with time left and a cancelled one are neither."""
    done_at = Subquery(
        ProgressNote._base_manager.filter(measure=OuterRef("pk"))
        .order_by("-written_at")
        .values("written_at")[:1],
        output_field=DateTimeField(),
    )
    today = timezone.localdate()
    return done_at, Case(
        When(Q(status=MeasureStatus.DONE, done_on__lte=F("deadline")), then=Value(ON_TIME)),
        When(status=MeasureStatus.DONE, then=Value(LATE)),
        When(status__in=OPEN_MEASURE_STATUSES, deadline__lt=today, then=Value(LATE)),
        default=Value(""),
        output_field=CharField(),
    )


def figures(cases) -> list[Figure]:
    """The figures of `cases` (a queryset: one case or all), a few queries whatever their
    number."""
    rows: list[tuple[int, object, str, str, int]] = []
    opened = (
        cases.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("casusoverleg_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["casusoverleg_id"], r["month"], OPENED, "", r["n"]) for r in opened]
    closed = (
        Closing.objects.filter(case__in=cases, decided_on__isnull=False, reopened_at__isnull=True)
        .annotate(month=TruncMonth("decided_on"), overleg=F("case__casusoverleg_id"))
        .values("overleg", "month", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["overleg"], r["month"], CLOSED, r["reason"], r["n"]) for r in closed]
    measures = Measure.objects.filter(case__in=cases).annotate(overleg=F("case__casusoverleg_id"))
    made = (
        measures.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("overleg", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["overleg"], r["month"], MEASURES, "", r["n"]) for r in made]
    done_at, timeliness = _timeliness()
    due = (
        measures.annotate(done_on=TruncDate(done_at))
        .annotate(month=TruncMonth("deadline"), timeliness=timeliness)
        .exclude(timeliness="")
        .values("overleg", "month", "timeliness")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["overleg"], r["month"], MEASURES_DUE, r["timeliness"], r["n"]) for r in due]
    files = _files(row[0] for row in rows)
    return [
        Figure(files[overleg], month, figure, reason, count)
        for overleg, month, figure, reason, count in rows
    ]


def archived(cases) -> list[Figure]:
    """ARCHIVED_DOSSIERS: the archived cases per file, month and timeliness, from the dates the
    archive term runs from, the last meeting they were discussed on included (one query)."""
    from cases.constants import CaseStatus
    from retention.services.statistics import archived_dossier_figures

    rows = list(
        cases.filter(status=CaseStatus.ARCHIVED)
        .annotate(last_on_agenda=Max("discussions__meeting__held_on"))
        .values_list(
            "casusoverleg_id", "archived_at", "created_at", "last_processed_at", "last_on_agenda"
        )
        .order_by()
    )
    files = _files(row[0] for row in rows)
    return archived_dossier_figures((files[row[0]], *row[1:]) for row in rows)
