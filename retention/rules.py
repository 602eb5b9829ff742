"""Which term a dossier falls under and when (B2-B6, VH 20.1-2): one pure function over the
registry's `DossierState` and the file's `Terms`. OWNED BY THE SWEEP HELPER: replace the stub."""

from dataclasses import dataclass
from datetime import date

from retention.terms import Terms
from subjects.registry import DossierState


@dataclass(frozen=True)
class Due:
    action: str  # retention.constants.Action
    rule: str  # retention.constants.Rule
    due_on: date


def due(state: DossierState, terms: Terms, *, as_of: date) -> Due | None:
    """The action due on `as_of` (destruction before archiving), or None."""
    raise NotImplementedError


def next_due(state: DossierState, terms: Terms) -> Due | None:
    """The first action the dossier falls due for, whatever the date (the preview)."""
    raise NotImplementedError
