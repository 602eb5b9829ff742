"""Deleting the rows of many dossiers at once, each row counted to its own dossier (B8, issue 13,
ADR 0029): the rows of the dossiers, their audit entries and their whole trails, in a number of
queries that does not grow with the dossiers.

A destruction record counts what went per dossier. One collector over the roots of a whole batch
gives the rows but not whose they are: each row is traced along its foreign keys to a row already
traced, back to the root (or the seed row) it was collected from."""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack

from auditlog import get_logentry_model
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.signals import pre_save

from config.audit import _EveryRow, acting_for, destruction_entry, kind_of

# What other apps keep about rows and clear row by row as the rows are deleted (a post_delete
# receiver): each hook opens a block around the collector's delete in which it only notes the
# rows, and clears them all in one statement as the block ends, in the deleting transaction and
# before the trail is read, so whatever waited on those rows' locks has written its entries by
# then (K3; issue 13, ADR 0034). A block left by an exception clears nothing: the caller's
# transaction rolls the deletion back.
_DELETE_HOOKS: list[Callable[[], AbstractContextManager]] = []


def on_delete_traced(hook: Callable[[], AbstractContextManager]) -> None:
    """`hook()` opens a block around every deletion of `delete_traced`."""
    if hook not in _DELETE_HOOKS:
        _DELETE_HOOKS.append(hook)


def about(refs, *, label: str = "file_label", key: str = "dossier_key") -> Q:
    """The rows (with a file label and a dossier key column) of these dossiers: one `IN` per
    file, however many dossiers."""
    keys: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        keys[ref.file_label].append(ref.key)
    wanted = Q(pk__in=[])
    for file_label, labelled in keys.items():
        wanted |= Q(**{label: file_label, f"{key}__in": labelled})
    return wanted


def _model(instance):
    return instance._meta.concrete_model


def _trace(data: dict, owner: dict) -> None:
    """Give every collected row the dossier of a row it points at (a foreign key or one-to-one,
    to the root or any row traced already), until nothing more is found."""
    pending = {model: list(rows) for model, rows in data.items()}
    found = True
    while found:
        found = False
        for model, rows in pending.items():
            links = [
                field
                for field in model._meta.concrete_fields
                if field.is_relation and (field.many_to_one or field.one_to_one)
            ]
            left = []
            for row in rows:
                if (_model(row), row.pk) in owner:
                    continue
                for field in links:
                    target = (field.related_model._meta.concrete_model, getattr(row, field.attname))
                    if target in owner:
                        owner[(_model(row), row.pk)] = owner[target]
                        found = True
                        break
                else:
                    left.append(row)
            pending[model] = left


def delete_traced(seeds: Iterable[tuple[object, object]], *, trail=()) -> dict:
    """B8: delete the `seeds` (pairs of a row and the DossierRef it belongs to) and everything
    that cascades from them, with every audit entry about any of those rows (by content type and
    key) and, for the dossiers in `trail`, every entry of their trail (by their dossier columns,
    rows deleted long ago included), writing no entries: one collector, one select of the
    entries, one purge for each of the two. Returns what went per dossier and kind (`kind_of`),
    the audit entries included; a row traced to no dossier counts to the first seed's."""
    from auditlog.context import disable_auditlog

    from security.services.chain import delete_entries

    seeds, trail = list(seeds), list(trail)
    if not seeds and not trail:
        return {}
    fallback = seeds[0][1] if seeds else trail[0]
    owner = {(_model(row), row.pk): ref for row, ref in seeds}
    collector = _EveryRow(using=DEFAULT_DB_ALIAS)
    by_model: dict[type, list] = defaultdict(list)
    for row, _ref in seeds:
        by_model[_model(row)].append(row)
    for rows in by_model.values():
        collector.collect(rows)
    _trace(collector.data, owner)
    counts: dict = defaultdict(Counter)
    by_row = Q(pk__in=[])
    for model, rows in collector.data.items():
        kind = kind_of(model)  # once a model: a translation switched on and off (issue 13)
        for row in rows:
            counts[owner.get((_model(row), row.pk), fallback)][kind] += 1
        ids = [row.pk for row in rows if isinstance(row.pk, int)]
        keys = [str(row.pk) for row in rows if not isinstance(row.pk, int)]
        content_type = ContentType.objects.get_for_model(model)
        by_row |= Q(content_type=content_type) & (Q(object_id__in=ids) | Q(object_pk__in=keys))
    rows_of = {}  # (content type id, key as text) -> dossier
    for (model, pk), ref in owner.items():
        rows_of[(ContentType.objects.get_for_model(model).pk, str(pk))] = ref
    # The rows first (the collector clears their keys): a check answering from a dossier holds
    # its rows (K3), so the trail is read once the destruction has waited for it, its entry
    # included.
    with disable_auditlog(), ExitStack() as hooks:
        for hook in _DELETE_HOOKS:
            hooks.enter_context(hook())
        collector.delete()
    entries = get_logentry_model().objects
    named = {(ref.file_label, ref.key): ref for ref in trail}
    wanted = by_row | about(trail)
    found = entries.filter(wanted).values_list(
        "pk", "content_type_id", "object_id", "object_pk", "file_label", "dossier_key"
    )
    trails, rows = [], []
    kind = kind_of(entries.model)
    for pk, content_type_id, object_id, object_pk, file_label, dossier_key in found:
        key = str(object_id) if object_id is not None else object_pk
        ref = rows_of.get((content_type_id, key))
        if ref is not None:
            rows.append(pk)  # about a row that goes now (which dossier named it or not)
        else:
            trails.append(pk)
            ref = named.get((file_label, dossier_key), fallback)
        counts[ref][kind] += 1
    if rows:
        delete_entries(rows, reason="trail")
    if trails:  # the chain keeps the purged entries' hashes, so it still verifies (S2)
        delete_entries(trails, reason="destruction")
    return dict(counts)


def end_trails(roots: dict, *, by, batch) -> list:
    """One entry for each dossier about to be destroyed (`roots`: DossierRef -> root):
    `config.audit.destruction_entry` (S2). Made while the roots
    still have their keys, written (`bulk_create`, one insert) after the purge."""
    model = get_logentry_model()
    made = []
    with acting_for(by):
        for ref, root in roots.items():
            entry = destruction_entry(ref, root=root, batch=batch)
            # What auditlog's own create would fill in: the actor, the party, the address.
            pre_save.send(
                sender=model, instance=entry, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None
            )
            made.append(entry)
    return made
