"""The weegploeg's figures for management information and for what retention keeps of a
destroyed dossier (U6, B7): counted in the database per Veiligheidshuis (its weegploeg file),
month, figure and reason. No names, no numbers of dossiers."""

from datetime import timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth

from subjects.registry import (
    DAY_BUCKETS,
    DAYS_TO_DECISION,
    DECISIONS,
    OPENED,
    SIGNALS,
    Figure,
)
from weegploeg.constants import Outcome
from weegploeg.models import Decision, Signal
from weegploeg.permissions import files_of

REASONS = dict(Outcome.choices)


def _bucket(days):
    whens = [
        When(**{f"{days}__lte": timedelta(days=limit)}, then=Value(label))
        for limit, label in DAY_BUCKETS
        if limit is not None
    ]
    return Case(*whens, default=Value(DAY_BUCKETS[-1][1]), output_field=CharField())


def figures(assessments) -> list[Figure]:
    """The figures of `assessments` (a queryset: one dossier or all), a few queries whatever
    their number. A signal restricted (R1) still counts: it was received."""
    rows: list[tuple[int, object, str, str, int]] = []
    opened = (
        assessments.annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("veiligheidshuis_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["veiligheidshuis_id"], r["month"], OPENED, "", r["n"]) for r in opened]
    signals = (
        Signal._base_manager.filter(assessment__in=assessments)
        .annotate(
            month=TruncMonth("entered_at", output_field=DateField()),
            region=F("assessment__veiligheidshuis_id"),
        )
        .values("region", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["region"], r["month"], SIGNALS, "", r["n"]) for r in signals]
    first_signal = Subquery(
        Signal._base_manager.filter(assessment=OuterRef("assessment"))
        .order_by("entered_at")
        .values("entered_at")[:1],
        output_field=DateTimeField(),
    )
    decisions = (
        Decision.objects.filter(assessment__in=assessments, reopened_at__isnull=True)
        .annotate(
            month=TruncMonth("decided_on"),
            region=F("assessment__veiligheidshuis_id"),
            days=F("decided_on") - TruncDate(first_signal),
        )
        .annotate(bucket=_bucket("days"))
    )
    by_outcome = decisions.values("region", "month", "outcome").annotate(n=Count("pk")).order_by()
    rows += [(r["region"], r["month"], DECISIONS, r["outcome"], r["n"]) for r in by_outcome]
    by_days = (
        decisions.filter(days__isnull=False)
        .values("region", "month", "bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows += [(r["region"], r["month"], DAYS_TO_DECISION, r["bucket"], r["n"]) for r in by_days]
    files = files_of(row[0] for row in rows)
    return [
        Figure(files[region], month, figure, reason, count)
        for region, month, figure, reason, count in rows
    ]


def archived(assessments) -> list[Figure]:
    """ARCHIVED_DOSSIERS: the archived dossiers per file, month and timeliness, from the dates
    the archive term runs from (one query; no last meeting: the weegploeg's is no agenda in the
    sense of VH 20.1)."""
    from retention.services.statistics import archived_dossier_figures

    rows = list(
        assessments.filter(archived_at__isnull=False).values_list(
            "veiligheidshuis_id", "archived_at", "created_at", "last_processed_at"
        )
    )
    files = files_of(row[0] for row in rows)
    return archived_dossier_figures(
        (files[region], archived_at, created_at, last_processed_at, None)
        for region, archived_at, created_at, last_processed_at in rows
    )
