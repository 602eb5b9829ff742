"""Holds (VH 20.2, B6). OWNED BY THE PAGES HELPER: replace the stub."""

from datetime import date

from subjects.registry import DossierRef


def record_hold(ref: DossierRef, *, reasons: str, controller_decision: str, until: date, by):
    raise NotImplementedError


def end_hold(hold, *, by):
    raise NotImplementedError


def held_dossiers(*, as_of: date) -> set[tuple[str, str]]:
    """(file_label, dossier_key) of every dossier with a hold in force on `as_of`."""
    raise NotImplementedError


def end_lapsed_holds(*, as_of: date) -> int:
    """End (logged, ended_by None) every hold whose date passed before `as_of`."""
    raise NotImplementedError
