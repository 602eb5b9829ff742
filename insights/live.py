"""The figures of management information counted from the live tables (U6): what the summary
job stores (`insights.summary.recompute`, ADR 0028) and what the page showed before issue 13.
It counts whole tables (seconds at national scale): only the job and tests call it, never a page.

- Per file (`parties.DataFile`): every file's `figures()` through `subjects.registry` (the
  archived dossiers among them as `statistics.ARCHIVED`, on time or late by retention's rule),
  plus what retention kept of destroyed dossiers (`retention.StatisticsCount`, B7) and its
  destruction records, so the counts survive destruction.
- Per Veiligheidshuis (not kept per file): the requests of data subjects (R3) by the month
  they were received, and the data breaches (S3) by the month they were discovered.

Nothing here holds a name, a BSN or a dossier number: figures carry a file or a
Veiligheidshuis, a month, a kind and a reason code."""

from collections import Counter
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from retention.models import DestructionRecord, StatisticsCount
from retention.services import statistics
from subjects import registry
from subjects.registry import ARCHIVED_DOSSIERS

# The figures kept per Veiligheidshuis, with their reasons.
REQUESTS = "requests"  # R3: received in the month; reason one of REQUEST_REASONS
BREACHES = "breaches"  # S3: discovered in the month; reason one of BREACH_REASONS
REQUESTS_ON_TIME, REQUESTS_LATE, REQUESTS_OVERDUE, REQUESTS_OPEN = (
    "on_time",
    "late",
    "overdue",
    "open",
)
REQUEST_REASONS = (REQUESTS_ON_TIME, REQUESTS_LATE, REQUESTS_OVERDUE, REQUESTS_OPEN)
BREACH_REASONS = ("on_time", "late", "pending", "not_notified")

# (file or Veiligheidshuis id, month, figure, reason) -> count
Counted = Counter


def file_figures() -> Counted:
    """Every file's figures, keyed by (data file id, month, figure, reason)."""
    counted: Counted = Counter()
    for file in registry.files():
        for figure in file.figures():
            name = statistics.ARCHIVED if figure.figure == ARCHIVED_DOSSIERS else figure.figure
            counted[(figure.data_file_id, _month(figure.month), name, figure.reason)] += (
                figure.count
            )
    kept = (
        StatisticsCount.objects.filter(data_file__isnull=False)
        .values_list("data_file_id", "month", "figure", "reason")
        .annotate(total=Coalesce(Sum("count"), 0))
        .order_by()
    )
    for file_id, month, name, reason, total in kept:
        counted[(file_id, month, name, reason)] += total
    records = DestructionRecord.objects.filter(data_file__isnull=False).only(
        "data_file", "destroyed_at", "due_on"
    )
    for record in records.iterator(chunk_size=5000):
        figure = statistics.destroyed_figure(record)
        counted[(figure.data_file_id, figure.month, figure.figure, figure.reason)] += 1
    return counted


def _month(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _count(condition):
    return Count("pk", filter=condition)


def request_figures(today: date | None = None) -> Counted:
    """R3: the data-subject requests of each Veiligheidshuis by the month received: answered
    within the term (its extension included), answered late, unanswered past the term (on
    `today`), unanswered within it. Withdrawn ones are left out."""
    from rights.models import SubjectRequest

    today = today or timezone.localdate()
    rows = (
        SubjectRequest.objects.filter(withdrawn_on__isnull=True)
        .annotate(term=Coalesce("extended_to", "due_on"), month=TruncMonth("received_on"))
        .values("veiligheidshuis_id", "month")
        .annotate(
            on_time=_count(Q(answered_on__isnull=False, answered_on__lte=F("term"))),
            late=_count(Q(answered_on__isnull=False, answered_on__gt=F("term"))),
            overdue=_count(Q(answered_on__isnull=True, term__lt=today)),
            open=_count(Q(answered_on__isnull=True, term__gte=today)),
        )
        .order_by()
    )
    counted: Counted = Counter()
    for row in rows:
        for reason in REQUEST_REASONS:
            counted[(row["veiligheidshuis_id"], row["month"], REQUESTS, reason)] += row[reason]
    return counted


def breach_figures() -> Counted:
    """S3: the data breaches of each Veiligheidshuis by the month discovered, by whether they
    were notified within 72 hours (`security.figures`, the one place of that rule)."""
    from security.figures import breach_notifications
    from security.models.incidents import Incident

    months = (
        Incident.objects.annotate(month=TruncMonth("discovered_at", output_field=DateField()))
        .values_list("veiligheidshuis_id", "month")
        .distinct()
        .order_by()
    )
    counted: Counted = Counter()
    for region_id, month in months:
        if region_id is None:
            continue
        found = breach_notifications([region_id], month, month + relativedelta(months=1))
        for reason in BREACH_REASONS:
            counted[(region_id, month, BREACHES, reason)] += int(found.get(reason, 0))
    return counted


def region_figures(today: date | None = None) -> Counted:
    """Every Veiligheidshuis's figures, keyed by (Veiligheidshuis id, month, figure, reason)."""
    return request_figures(today) + breach_figures()


def counts(selection) -> Counter:
    """The figures of `selection` (an `insights.figures.Selection`) counted live, summed per
    (figure, reason, month): the page's figures as they were worked out before issue 13,
    for comparison with the summary."""
    ids = {data_file.pk for data_file in selection.data_files}
    regions = {region.pk for region in selection.regions}
    counted: Counter = Counter()
    for source, wanted in ((file_figures(), ids), (region_figures(), regions)):
        for (owner, month, name, reason), number in source.items():
            if owner in wanted and selection.first <= month <= selection.last:
                counted[(name, reason, month)] += number
    return counted
