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


def due(state: DossierState, terms: Terms, *, as_of: date) -> Due | None:
    """The action due on `as_of` (destruction before archiving), or None."""
    destructions = [d for d in _destructions(state, terms) if d.due_on <= as_of]
    if destructions:
        return min(destructions, key=lambda d: d.due_on)
    archiving = _archiving(state, terms)
    if archiving is not None and archiving.due_on <= as_of:
        return archiving
    return None


def next_due(state: DossierState, terms: Terms) -> Due | None:
    """The first action the dossier falls due for, whatever the date (the preview): what a
    sweep on the earliest day anything is due would do."""
    candidates = _destructions(state, terms)
    archiving = _archiving(state, terms)
    if archiving is not None:
        candidates.append(archiving)
    first = min(d.due_on for d in candidates)
    return due(state, terms, as_of=first)
