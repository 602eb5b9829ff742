"""The summary of management information (U6, issue 13, ADR 0028): worked out by a job, read by
the page.

- `recompute` counts every figure from the live tables (`insights.live`, seconds at national
  scale) and replaces the whole summary in one transaction, so a reader sees the old figures
  or the new ones, never half. Two runs at once take turns on the run's row (its lock), so
  neither deletes the other's rows half-way. The beat runs it every hour and the demo and the
  national seed once; the page's overseers may ask for a run.
- `counts` reads the figures of a selection from the summary: one query, however much data.
- `last_run` says when the figures were worked out (None: never yet)."""

import time
from collections import Counter

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from insights import live
from insights.models import FigureSummary, SummaryRun

BATCH = 5000


@transaction.atomic
def _replace(rows: list[FigureSummary], started: float) -> SummaryRun:
    run, _made = SummaryRun.objects.select_for_update().get_or_create(
        pk=1, defaults={"computed_at": timezone.now()}
    )
    FigureSummary.objects.all().delete()
    FigureSummary.objects.bulk_create(rows, batch_size=BATCH)
    run.computed_at = timezone.now()
    run.seconds = round(time.monotonic() - started, 3)
    run.rows = len(rows)
    run.save()
    return run


def recompute() -> SummaryRun:
    """Work out every figure afresh and store them (idempotent)."""
    started = time.monotonic()
    rows = [
        FigureSummary(data_file_id=file_id, month=month, figure=name, reason=reason, count=n)
        for (file_id, month, name, reason), n in live.file_figures().items()
        if n
    ]
    rows += [
        FigureSummary(veiligheidshuis_id=region, month=month, figure=name, reason=reason, count=n)
        for (region, month, name, reason), n in live.region_figures().items()
        if n
    ]
    return _replace(rows, started)


def counts(selection) -> Counter:
    """The figures of `selection` (an `insights.figures.Selection`), summed per (figure,
    reason, month): its files' figures and its Veiligheidshuizen's, in its months."""
    files = [data_file.pk for data_file in selection.data_files]
    regions = [region.pk for region in selection.regions]
    rows = (
        FigureSummary.objects.filter(
            Q(data_file__in=files) | Q(veiligheidshuis__in=regions),
            month__gte=selection.first,
            month__lte=selection.last,
        )
        .values_list("figure", "reason", "month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return Counter({(name, reason, month): total for name, reason, month, total in rows})


def last_run() -> SummaryRun | None:
    return SummaryRun.objects.filter(pk=1).first()
