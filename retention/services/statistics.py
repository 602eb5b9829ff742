"""The anonymised figures kept of destroyed dossiers (B7, VH 20.4), and when retention's own
work was on time (U6).

Before a dossier is destroyed its file's figures (`registry.Figure`: opened, signals, decisions,
closed, measures...) are added to the monthly counts per file (`StatisticsCount`), with, for an
archived dossier, whether it was archived on time. No key back to the person: a figure is a
number per file, month, kind and reason. Management information (insights) adds these kept
counts to the live figures of the files, so the counts survive destruction."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from retention.models import StatisticsCount
from retention.rules import _archiving
from retention.terms import Terms, terms_by_file
from subjects.registry import (
    ARCHIVED_DOSSIERS,
    LATE,
    ON_TIME,
    DossierRef,
    DossierState,
    Figure,
)

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
    count_dossiers([(ref, file_name, state, figures)])


def count_dossiers(dossiers: Iterable[tuple[DossierRef, str, DossierState, Iterable[Figure]]]):
    """`count_dossier` for many dossiers (ref, file name, state, figures) at once (issue 13):
    the same counts, added in three queries however many dossiers and figures: the rows made
    once (`ignore_conflicts`: two workers at once make each once), then raised in the database
    in one update (F), so concurrent destructions add up."""
    dossiers = list(dossiers)
    archived = [state for _ref, _name, state, _figures in dossiers if state.archived]
    terms = terms_by_file({state.data_file_id for state in archived}) if archived else {}
    added: Counter = Counter()
    for ref, file_name, state, figures in dossiers:
        figures = list(figures)
        if state.archived and state.data_file_id in terms:
            figure = archived_figure(state, terms[state.data_file_id])
            if figure is not None:
                figures.append(figure)
        for figure in figures:
            month = figure.month
            if isinstance(month, datetime):
                month = month.date()
            key = (
                ref.file_label,
                figure.data_file_id,
                file_name[:300],
                month,
                figure.figure,
                (figure.reason or "")[:30],
            )
            added[key] += figure.count
    if not added:
        return
    StatisticsCount.objects.bulk_create(
        [StatisticsCount(**dict(zip(KEY, key, strict=True)), count=0) for key in added],
        ignore_conflicts=True,
    )
    wanted = Q(pk__in=[])
    for key in added:
        wanted |= Q(**dict(zip(KEY, key, strict=True)))
    rows = StatisticsCount.objects.filter(wanted).values_list("pk", *KEY)
    by_pk = {pk: added[tuple(key)] for pk, *key in rows}
    StatisticsCount.objects.filter(pk__in=by_pk).update(
        count=F("count")
        + Case(
            *(When(pk=pk, then=Value(n)) for pk, n in by_pk.items()), output_field=IntegerField()
        )
    )


# The columns that make a kept count's row (its unique constraint).
KEY = ("file_label", "data_file_id", "file_name", "month", "figure", "reason")


def archived_dossier_figures(rows) -> list[Figure]:
    """ARCHIVED_DOSSIERS of archived dossiers given as (file, archived at, created at, last
    processed at, last on the agenda): on time or late by retention's own rule
    (`archived_figures`), summed per file, month and reason: what both files' `figures()`
    count for management information, from their own columns."""
    states = [
        DossierState(
            ref=DossierRef("", ""),
            status="",
            decision="",
            decided_on=None,
            last_processed_on=timezone.localdate(processed_at),
            casusoverleg="",
            data_file_id=file_id,
            opened_on=timezone.localdate(created_at),
            last_on_agenda=last_on_agenda,
            in_progress=False,
            not_agendered=False,
            deceased=False,
            archived=True,
            archived_on=timezone.localdate(archived_at),
        )
        for file_id, archived_at, created_at, processed_at, last_on_agenda in rows
    ]
    counted = Counter(
        (figure.data_file_id, figure.month, figure.reason) for figure in archived_figures(states)
    )
    return [
        Figure(file_id, month, ARCHIVED_DOSSIERS, reason, count)
        for (file_id, month, reason), count in counted.items()
    ]
