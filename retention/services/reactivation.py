"""Reactivation (B5). OWNED BY THE PAGES HELPER: replace the stub."""

from subjects.registry import DossierRef


def reactivate(ref: DossierRef, *, instructed_by: str, reason: str, by):
    """CTER 13.3: on the controller's instruction; recorded (Reactivation)."""
    raise NotImplementedError


def record_agenda_reactivation(ref: DossierRef, *, by):
    """VH 20.1: the file reactivated an archived dossier by putting it on the agenda again."""
    raise NotImplementedError
