"""K3 and the index kept fresh: one place that hears the dossier roots of every file
(`subjects.registry.on_register`, as `retention.due_signals`). A root saved has its pseudonyms
refreshed in the saving transaction (a new name, archived or reactivated); a root deleted has
them withdrawn in the deleting transaction, so a destroyed dossier answers "no hit" from the
moment of its destruction. A destruction deletes its rows through Django's collector
(`subjects.tracing.delete_traced`), which sends post_delete for every row it deletes; inside a
collector's delete (`subjects.tracing.on_delete_traced`) the roots deleted are noted and their
rows withdrawn in one statement per file as it ends, still in its transaction and before the
trail is read (issue 13, ADR 0034)."""

import contextlib
from collections import defaultdict
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save

from config.migration_hooks import first_made
from elsewhere import index
from subjects import registry, tracing

# The keys per file label of the roots deleted in the batch open now; None outside a batch.
_DELETED: ContextVar[dict[str, list[str]] | None] = ContextVar("elsewhere_deleted", default=None)

# The root model of every file, and the file.
_FILES: dict[type, object] = {}
# The root's fields that a pseudonym or the archived flag reads: a save naming only others
# (a count, the last processing date) leaves the index as it is.
_RELEVANT = frozenset((*index.PERSON_FIELDS, "name_key"))


def _relevant(update_fields) -> bool:
    if update_fields is None:
        return True
    return any(name in _RELEVANT or "archived" in name for name in update_fields)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    file = _FILES.get(sender)
    if file is None or raw or not _relevant(update_fields):
        return
    index.refresh_root(file, instance)


def _deleted(sender, instance, **kwargs):
    file = _FILES.get(sender)
    if file is None:
        return
    pending = _DELETED.get()
    if pending is not None:
        pending[file.label].append(file.key_of(instance))
        return
    index.withdraw(file.label, [file.key_of(instance)])


@contextlib.contextmanager
def withdrawing_batch():
    """The roots deleted inside withdrawn together at the end (K3); nested: the outer block's."""
    if _DELETED.get() is not None:
        yield
        return
    token = _DELETED.set(defaultdict(list))
    try:
        yield
        pending = _DELETED.get()
    finally:
        _DELETED.reset(token)
    for label, keys in pending.items():
        index.withdraw(label, keys)


def _connect_file(file) -> None:
    model = index.root_model(file)
    _FILES[model] = file
    uid = f"elsewhere-index-{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def connect() -> None:
    registry.on_register(_connect_file)
    tracing.on_delete_traced(withdrawing_batch)


def build_when_made(sender, plan=None, using="default", **kwargs) -> None:
    """post_migrate: when the index was made by this migration run (and the whole schema is
    up to date), the dossiers there are get their rows (`index.rebuild`).
    Migrated partway: `manage.py rebuild_known_elsewhere` after the rest."""
    if first_made(plan, app_label="elsewhere", model_name="Pseudonym", using=using):
        index.rebuild()
