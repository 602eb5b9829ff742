"""Destroying one dossier (B7, B8). OWNED BY THE DESTRUCTION HELPER: replace the stub."""

from datetime import date

from subjects.registry import DossierRef


def destroy_dossier(ref: DossierRef, *, rule: str, due_on: date | None, run=None, by=None):
    """Count its statistics (B7), destroy it through the registry, and write its
    DestructionRecord (and the ledger line) in the caller's transaction. Returns the record,
    or None when the dossier does not exist."""
    raise NotImplementedError
