"""The stored due dates in tests (ADR 0021): a test's transaction never commits, so what the
commit of a change does (`retention.due_signals`: the dossier's row worked out) is done by
`settle`; and what preview() shows when every dossier is looked at (`everything`), the
reference the index must match."""

from datetime import date

from django.db import connection, transaction

from retention.models import DossierDue
from subjects import registry


def settle() -> None:
    """What the commit of the changing transactions does: the pending refresh runs."""
    pending = getattr(connection, "retention_due_pending", None)
    if pending is not None and not pending.done:
        pending()


def row(ref) -> DossierDue | None:
    return DossierDue.objects.filter(file_label=ref.file_label, dossier_key=ref.key).first()


def case_of(ref):
    from cases.models import Case

    return Case.objects.get(number=ref.key)


def state_of(ref):
    return registry.get(ref.file_label).state(ref)


def check_on(ref) -> date | None:
    return row(ref).check_on


def everything(read):
    """`read()` with every dossier looked at (every row marked, no plan stored): what the
    preview and the sweep did before the index, each dossier decided from its state."""
    sid = transaction.savepoint()
    try:
        DossierDue.objects.update(check_on=None, destroy_on=None)
        return read()
    finally:
        transaction.savepoint_rollback(sid)
