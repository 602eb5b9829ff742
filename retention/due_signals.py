"""Keeping the stored due dates fresh (ADR 0021): one place that hears every change to a
dossier, so no service has to remember. A row saved or deleted of any model of a file's
dossier (`dossier_paths` in `subjects.registry`) marks the dossier's row at once, in the same
transaction (`due_index.mark`), and its due date is worked out when the transaction commits
(`due_index.refresh`), once per dossier however many rows changed. A dossier deleted loses its
row. New terms of a file mark its dossiers and have them worked out on a worker.

A row deleted whose dossier is not loaded (a destruction deletes every row of the dossier) is
not looked up row by row: it is resolved after the commit, and a dossier gone by then needs
nothing. A queryset `update()` sends no signal: a service that changes what the rules read that
way calls `due_index.changed` itself (none does today)."""

import logging
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from config.migration_hooks import first_made
from retention import due_index
from subjects import registry
from subjects.registry import DossierRef

logger = logging.getLogger(__name__)


# Every model of a dossier: its file and its path to the dossier's root (`on_register`).
_WHERE: dict[type, tuple] = {}


class _Pending:
    """What one transaction changed, worked out when it commits (`transaction.on_commit`)."""

    def __init__(self):
        self.refs: set[DossierRef] = set()
        self.gone: set[DossierRef] = set()
        self.later: set[tuple] = set()  # (file, model, pk, rest of the path) to look up
        self.files: set[int] = set()  # parties.DataFile whose terms changed
        self.done = False

    def __call__(self):
        self.done = True
        try:
            found = self._resolve()
            due_index.mark(found)  # after the commit: a refresh that read before it lets go
            due_index.refresh(self.refs | found)
        except Exception as error:  # noqa: BLE001 - the rows stay marked: looked at every time
            logger.warning("Stored due dates not refreshed (%s).", type(error).__name__)
        for data_file_id in sorted(self.files):
            _queue_file(data_file_id)

    def _resolve(self) -> set[DossierRef]:
        groups: dict[tuple, set[int]] = defaultdict(set)
        for file, model, pk, rest in self.later:
            groups[(file, model, rest)].add(pk)
        found = set()
        for (file, model, rest), pks in groups.items():
            rows = model._base_manager.filter(pk__in=pks)
            if rest:
                rows = rows.select_related(rest.replace(".", "__"))
            for row in rows:
                root = row
                for step in filter(None, rest.split(".")):
                    root = getattr(root, step)
                if root is not None:
                    found.add(DossierRef(file.label, file.key_of(root)))
        return found - self.refs - self.gone


def _pending() -> tuple[_Pending, bool]:
    """The transaction's pending changes, and whether they are new (to be registered)."""
    connection = transaction.get_connection()
    pending = getattr(connection, "retention_due_pending", None)
    registered = pending is not None and any(
        entry[1] is pending for entry in connection.run_on_commit
    )
    if registered and not pending.done:
        return pending, False
    pending = _Pending()
    connection.retention_due_pending = pending
    return pending, True


def changed(refs) -> None:
    """These dossiers changed: marked now, worked out after the commit (at once outside a
    transaction)."""
    pending, new = _pending()
    fresh = set(refs) - pending.refs - pending.gone
    if not fresh:
        return
    due_index.mark(fresh)
    pending.refs |= fresh
    if new:
        transaction.on_commit(pending)


def gone(refs) -> None:
    """These dossiers are about to be destroyed together (issue 13): their rows go now in one
    statement, so the deletes of their roots that follow ask nothing more of the database."""
    pending, new = _pending()
    fresh = set(refs) - pending.gone
    if not fresh:
        return
    due_index.forget(fresh)
    pending.gone |= fresh
    pending.refs -= fresh
    if new:
        transaction.on_commit(pending)


def _gone(ref: DossierRef) -> None:
    pending, new = _pending()
    if ref in pending.gone:
        return
    due_index.forget([ref])
    pending.gone.add(ref)
    pending.refs.discard(ref)
    if new:
        transaction.on_commit(pending)


def _later(item: tuple) -> None:
    pending, new = _pending()
    pending.later.add(item)
    if new:
        transaction.on_commit(pending)


def terms_changed(data_file_id: int) -> None:
    """New terms of a file: its dossiers marked now, worked out on a worker after the
    commit (`retention.tasks.refresh_due_dates`)."""
    due_index.mark_file(data_file_id)
    pending, new = _pending()
    pending.files.add(data_file_id)
    if new:
        transaction.on_commit(pending)


def _queue_file(data_file_id: int) -> None:
    from retention.tasks import refresh_due_dates

    try:
        refresh_due_dates.delay(data_file_id)
    except Exception as error:  # noqa: BLE001 - the nightly rebuild works them out
        logger.warning("Refresh of a file's due dates not queued (%s).", type(error).__name__)


def _saved(sender, instance, **kwargs):
    found = registry.dossier_root(instance)
    if found is not None:
        changed([found[1]])


def _deleted(sender, instance, **kwargs):
    where = _WHERE.get(instance._meta.concrete_model)
    if where is None:
        return
    file, path = where
    row = instance
    steps = [step for step in path.split(".") if step]
    for index, step in enumerate(steps):
        field = row._meta.get_field(step)
        if not field.is_cached(row):  # not loaded: looked up after the commit
            key = getattr(row, field.attname)
            if key is not None:
                _later((file, field.related_model, key, ".".join(steps[index + 1 :])))
            return
        row = getattr(row, step)
        if row is None:
            return
    ref = DossierRef(file.label, file.key_of(row))
    if row is instance:
        _gone(ref)
    else:
        changed([ref])


def _terms_saved(sender, instance, **kwargs):
    terms_changed(instance.data_file_id)


def _connect_file(file) -> None:
    """Hear each model of the file's dossiers by name: a receiver for every sender would take
    the fast path of a queryset delete from every model of the project."""
    for model, path in file.dossier_paths.items():
        _WHERE[model] = (file, path)
        uid = f"retention-due-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def connect() -> None:
    from retention.models import RetentionTerms

    registry.on_register(_connect_file)
    post_save.connect(_terms_saved, sender=RetentionTerms, dispatch_uid="retention-due-terms")
    post_delete.connect(_terms_saved, sender=RetentionTerms, dispatch_uid="retention-due-terms")


def build_when_made(sender, plan=None, using="default", **kwargs) -> None:
    """post_migrate: the dossiers that exist when the index is first made get their rows
    (`due_index.rebuild`), once the whole schema is up to date.
    Migrated partway: `manage.py refresh_due_dates` after the rest."""
    if first_made(plan, app_label="retention", model_name="DossierDue", using=using):
        due_index.rebuild()
