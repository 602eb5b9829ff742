"""Destroying one dossier (B7, B8). OWNED BY THE DESTRUCTION HELPER: replace the stub.

TEMPORARY (sweep branch only): a minimal body so the sweep's tests can destroy; the destruction
helper's version replaces this file when merged."""

from datetime import date

from subjects import registry
from subjects.registry import DossierRef


def destroy_dossier(ref: DossierRef, *, rule: str, due_on: date | None, run=None, by=None):
    """Count its statistics (B7), destroy it through the registry, and write its
    DestructionRecord (and the ledger line) in the caller's transaction. Returns the record,
    or None when the dossier does not exist."""
    from retention.models import DestructionRecord

    file = registry.get(ref.file_label)
    state = file.state(ref)
    if state is None:
        return None
    counts = file.destroy(ref, by=by) or {}
    return DestructionRecord.objects.create(
        run=run,
        file_label=ref.file_label,
        dossier_key=ref.key,
        data_file_id=state.data_file_id,
        casusoverleg=state.casusoverleg,
        rule=rule,
        opened_on=state.opened_on,
        last_processed_on=state.last_processed_on,
        due_on=due_on,
        counts=counts,
        destroyed_by=by,
    )
