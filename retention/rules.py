"""Which term a dossier falls under and when (B2-B6, VH 20.1-2): pure functions over the
registry's `DossierState` and the file's `Terms`, so the sweep, the preview and the pages agree.

- Deceased: destroyed at once (VH 20.2d, B6), from the decision to close (or the last processing).
- Not put on the agenda of a casusoverleg: destroyed `not_agendered_destroy_after_months` after
  the decision (CTER 13.4, B2), where the file decides such a thing.
- Always: destroyed `destroy_after_months` after the last processing (CTER 13.1, VH 20.1; B4).
- Not archived yet: archived `archive_after_months` after the last processing (CTER 13.2, B3), or
  for a VH casusoverleg after the last time on the agenda, but never while the case is
  being discussed or has measures with running deadlines.

A rule is due on its day: the day before, the dossier is kept. Destruction beats archiving; of
several destroy rules the earliest applies. Holds (VH 20.2) are not a rule: the sweep skips held
dossiers (`retention.services.holds`)."""

from dataclasses import dataclass
from datetime import date

from retention.constants import Action, ArchiveFrom, Rule
from retention.terms import Terms, months_after
from subjects.registry import DossierState


@dataclass(frozen=True)
class Due:
    action: str  # retention.constants.Action
    rule: str  # retention.constants.Rule
    due_on: date


def _destructions(state: DossierState, terms: Terms) -> list[Due]:
    found = []
    if state.deceased:
        found.append(
            Due(Action.DESTROY, Rule.DECEASED, state.decided_on or state.last_processed_on)
        )
    months = terms.not_agendered_destroy_after_months
    if state.not_agendered and months is not None and state.decided_on is not None:
        found.append(
            Due(Action.DESTROY, Rule.NOT_AGENDERED, months_after(state.decided_on, months))
        )
    found.append(
        Due(
            Action.DESTROY,
            Rule.DESTROY_TERM,
            months_after(state.last_processed_on, terms.destroy_after_months),
        )
    )
    return found


def _archiving(state: DossierState, terms: Terms) -> Due | None:
    if state.archived or state.in_progress:
        return None
    if terms.archive_from == ArchiveFrom.LAST_AGENDA:
        base = state.last_on_agenda or state.opened_on
    else:
        base = state.last_processed_on
    return Due(Action.ARCHIVE, Rule.ARCHIVE_TERM, months_after(base, terms.archive_after_months))


def earliest_destruction(state: DossierState, terms: Terms) -> Due:
    """The first destroy rule the dossier meets (of several on one day, the first named)."""
    return min(_destructions(state, terms), key=lambda d: d.due_on)


def archiving(state: DossierState, terms: Terms) -> Due | None:
    """The archive term's day, None when archived already or in progress."""
    return _archiving(state, terms)


def choose(destruction: Due, archive: Due | None, *, as_of: date) -> Due | None:
    """Of a dossier's earliest destruction and its archiving, the action due on `as_of`:
    destruction before archiving. What `due` decides, from the two alone (issue 13: what the
    stored plans keep, `retention.due_index`)."""
    if destruction.due_on <= as_of:
        return destruction
    if archive is not None and archive.due_on <= as_of:
        return archive
    return None


def first_due(destruction: Due, archive: Due | None) -> Due:
    """What `next_due` decides, from the earliest destruction and the archiving alone."""
    days = [destruction.due_on] + ([archive.due_on] if archive is not None else [])
    return choose(destruction, archive, as_of=min(days))


def due(state: DossierState, terms: Terms, *, as_of: date) -> Due | None:
    """The action due on `as_of` (destruction before archiving), or None."""
    return choose(earliest_destruction(state, terms), _archiving(state, terms), as_of=as_of)


def next_due(state: DossierState, terms: Terms) -> Due | None:
    """The first action the dossier falls due for, whatever the date (the preview): what a
    sweep on the earliest day anything is due would do."""
    return first_due(earliest_destruction(state, terms), _archiving(state, terms))


def shown(destruction: Due, archive: Due | None, *, as_of: date, until: date) -> Due | None:
    """What the preview shows of a dossier from `as_of` up to `until`: its first action when
    that falls in the window, or for one due already what a sweep as of `as_of` would do; None
    when nothing falls due by `until`."""
    found = first_due(destruction, archive)
    if found.due_on > until:
        return None
    if found.due_on <= as_of:
        return choose(destruction, archive, as_of=as_of) or found
    return found
