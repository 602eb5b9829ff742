"""The anonymised figures kept of destroyed dossiers (B7, VH 20.4): per file and month, the
cases started, closed (per reason) and the measures taken, counted before the dossier goes. No
key back to the person: a figure is a number per file, month, kind and reason."""

from datetime import date

from django.db.models import F

from retention.models import StatisticsCount
from subjects.registry import DossierStatistics

STARTED = "started"
CLOSED = "closed"
MEASURES = "measures"


def month_of(day: date) -> date:
    return day.replace(day=1)


def count_dossier(*, file_label: str, file_name: str, figures: DossierStatistics) -> None:
    """Add one dossier to the figures: started in the month it was opened, closed (with its
    reason) in the month it was closed, its measures in the month it was opened."""
    opened = month_of(figures.opened_on)
    _add(file_label, file_name, opened, STARTED, "", 1)
    if figures.closed_on is not None:
        _add(file_label, file_name, month_of(figures.closed_on), CLOSED, figures.closed_reason, 1)
    if figures.measures:
        _add(file_label, file_name, opened, MEASURES, "", figures.measures)


def _add(file_label, file_name, month, figure, reason, number) -> None:
    """An upsert: the row is made once (two workers at once: `get_or_create` retries), then
    raised in the database (F), so concurrent destructions add up."""
    row, _created = StatisticsCount.objects.get_or_create(
        file_label=file_label,
        file_name=file_name[:300],
        month=month,
        figure=figure,
        reason=(reason or "")[:30],
    )
    StatisticsCount.objects.filter(pk=row.pk).update(count=F("count") + number)
