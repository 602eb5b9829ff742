"""The retention sweep (B2-B6, O3). OWNED BY THE SWEEP HELPER: replace the stub."""

from dataclasses import dataclass
from datetime import date

from subjects.registry import DossierRef


@dataclass(frozen=True)
class Planned:
    """A dossier that falls due, for the preview (no personal data)."""

    ref: DossierRef
    action: str  # retention.constants.Action
    rule: str  # retention.constants.Rule
    due_on: date
    file_name: str
    casusoverleg: str
    held: bool


def preview(*, as_of: date | None = None, days: int = 28) -> list[Planned]:
    """What falls due from `as_of` (default today) up to `days` later, overdue included."""
    raise NotImplementedError


def run_sweep(*, as_of: date | None = None, trigger: str, by=None, progress=None):
    """Archive and destroy what is due as of `as_of` (default today); returns the SweepRun."""
    raise NotImplementedError
