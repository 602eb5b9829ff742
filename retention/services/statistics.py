"""The anonymised figures kept of destroyed dossiers (B7, VH 20.4), and when retention's own
work was on time (U6).

Before a dossier is destroyed its file's figures (`registry.Figure`: opened, signals, decisions,
closed, measures...) are added to the monthly counts per file (`StatisticsCount`), with, for an
archived dossier, whether it was archived on time. No key back to the person: a figure is a
number per file, month, kind and reason. Management information (insights) adds these kept
counts to the live figures of the files, so the counts survive destruction."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import F
from django.utils import timezone

from retention.models import StatisticsCount
from retention.rules import _archiving
from retention.terms import Terms, terms_by_file
from subjects.registry import LATE, ON_TIME, DossierRef, DossierState, Figure

ARCHIVED = "archived"  # dossiers archived, reason ON_TIME or LATE, in the month archived
DESTROYED = "destroyed"  # dossiers destroyed, reason ON_TIME or LATE, in the month destroyed

# The sweep runs each night and catches up after downtime: archived or destroyed within this
# many days after the day it was due counts as on time.
ON_TIME_DAYS = 7


def month_of(day: date) -> date:
    return day.replace(day=1)


def timeliness(done_on: date, due_on: date | None) -> str:
    """On time when done within `ON_TIME_DAYS` of its due day; without a due day (destroyed
    on the controller's instruction) on time."""
    if due_on is None or done_on <= due_on + timedelta(days=ON_TIME_DAYS):
        return ON_TIME
    return LATE


def archived_figure(state: DossierState, terms: Terms) -> Figure | None:
    """An archived dossier's figure: archived in its month, on time or late against the day
    the archive term fell due (`retention.rules`; archiving leaves the dates it runs from)."""
    if not state.archived or state.archived_on is None:
        return None
    import dataclasses

    due = _archiving(dataclasses.replace(state, archived=False, in_progress=False), terms)
    return Figure(
        data_file_id=state.data_file_id,
        month=month_of(state.archived_on),
        figure=ARCHIVED,
        reason=timeliness(state.archived_on, due.due_on if due else None),
    )


def archived_figures(states: Iterable[DossierState]) -> list[Figure]:
    """The archive figures of live dossiers (U6), the terms of their files read once."""
    archived = [state for state in states if state.archived]
    terms = terms_by_file({state.data_file_id for state in archived})
    found = (archived_figure(state, terms[state.data_file_id]) for state in archived)
    return [figure for figure in found if figure is not None]


def destroyed_figure(record) -> Figure:
    """A destruction record's figure: destroyed in its month, on time or late."""
    destroyed_on = timezone.localdate(record.destroyed_at)
    return Figure(
        data_file_id=record.data_file_id,
        month=month_of(destroyed_on),
        figure=DESTROYED,
        reason=timeliness(destroyed_on, record.due_on),
    )


def count_dossier(
    ref: DossierRef, *, file_name: str, figures: Iterable[Figure], state: DossierState
) -> None:
    """Add one dossier's figures (`registry.get(label).figures(ref)`) to the kept counts,
    with its archive figure when it was archived."""
    from parties.models import DataFile
    from retention.terms import terms_for

    figures = list(figures)
    data_file = DataFile.objects.filter(pk=state.data_file_id).first()
    if state.archived and data_file is not None:
        archived = archived_figure(state, terms_for(data_file))
        if archived is not None:
            figures.append(archived)
    for figure in figures:
        _add(ref.file_label, file_name, figure)


def _add(file_label: str, file_name: str, figure: Figure) -> None:
    """An upsert: the row is made once (two workers at once: `get_or_create` retries), then
    raised in the database (F), so concurrent destructions add up."""
    row, _created = StatisticsCount.objects.get_or_create(
        file_label=file_label,
        data_file_id=figure.data_file_id,
        file_name=file_name[:300],
        month=figure.month,
        figure=figure.figure,
        reason=(figure.reason or "")[:30],
    )
    StatisticsCount.objects.filter(pk=row.pk).update(count=F("count") + figure.count)
