"""Audit plumbing shared by every app (S2): who acted, for which party, and reads as well as
changes. django-auditlog writes the entries; this module supplies the actor in every context
(page, API, Celery) and the access entries for reads."""

import contextlib
import uuid
from collections import Counter
from contextvars import ContextVar

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_extra_data
from auditlog.middleware import AuditlogMiddleware
from auditlog.signals import accessed
from celery import Task
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.deletion import Collector
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.encoding import smart_str

from config.client_address import client_address, client_port

AUDIT_ACTOR_HEADER = "audit_actor_id"


def mask_completely(value: str) -> str:
    """Masked fields show nothing of their value (the library's default keeps half)."""
    return "********"


def _party_of(user):
    from parties.permissions import membership_of

    membership = membership_of(user)
    return membership.party if membership is not None else None


def actor_context(actor, **extra) -> dict:
    """The values django-auditlog copies onto every entry written in this context."""
    party = _party_of(actor) if actor is not None else None
    return {
        "actor": actor,
        "actor_party": party,
        "actor_party_name": party.name if party is not None else "",
        **extra,
    }


class AuditMiddleware(AuditlogMiddleware):
    """Adds the actor's party to auditlog's request context, looked up only when an entry is
    actually written, and records the client's address by the one rule of
    `config.client_address` (auditlog's own believes any `X-Forwarded-For`)."""

    @staticmethod
    def _get_remote_addr(request):
        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_address(request)

    @staticmethod
    def _get_remote_port(request):
        return client_port(request)

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        actor = data.get("actor")
        data["actor_party"] = lambda: _party_of(actor) if actor is not None else None
        data["actor_party_name"] = lambda: getattr(
            _party_of(actor) if actor is not None else None, "name", ""
        )
        return data


def set_request_actor(user) -> None:
    """For API authentication that runs after the middleware (a token): update the context
    the middleware opened, so the entries of this request name the right actor."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context.update(actor_context(user))


@contextlib.contextmanager
def acting_as(actor, *, system_name: str = ""):
    """Audit context for work outside a request: management commands and Celery tasks."""
    extra = {"actor_email": system_name} if actor is None and system_name else {}
    with set_extra_data(context_data=actor_context(actor, **extra)):
        yield


def log_access(instance) -> None:
    """Write an access entry for a read of personal data: detail, download or export."""
    accessed.send(sender=instance.__class__, instance=instance)


def _access_entry(instance, *, dossier=None, filled=True, **fields):
    """An access entry as `log_access` writes it, not yet saved: the pre_save signal that
    `log_access` relies on fills in the actor, the actor's party and the address from the audit
    context (`filled=False`: left to `_fill_from_context` with the entries it goes with). (No
    model here registers serialize_data, so serialized_data stays empty.)"""
    from security.models import dossier_columns

    entry_model = get_logentry_model()
    columns = (
        {"file_label": dossier.file_label, "dossier_key": dossier.key}
        if dossier is not None
        else dossier_columns(instance)
    )
    entry = entry_model(
        action=entry_model.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=str(instance.pk),
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=smart_str(instance),
        cid=get_cid(),
        **columns,
        **fields,
    )
    if filled:
        _fill_from_context([entry])
    return entry


def _fill_from_context(entries: list) -> list:
    """The fields the audit context gives (actor, party, address) on entries written at once:
    the pre_save signal that fills them in runs for the first entry, and what it set is copied
    to the others. The signal's receivers read only the context, the same for every entry of
    one read; run once per entry, they took a tenth of a list page's time (issue 13)."""
    if not entries:
        return entries
    first = entries[0]
    names = [field.attname for field in first._meta.concrete_fields]
    before = [getattr(first, name) for name in names]
    pre_save.send(
        sender=type(first), instance=first, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None
    )
    given = {
        name: getattr(first, name)
        for name, old in zip(names, before, strict=True)
        if getattr(first, name) != old
    }
    for entry in entries[1:]:
        for name, value in given.items():
            setattr(entry, name, value)
    return entries


def write_entries(entries: list) -> None:
    """Entries built by `_access_entry(..., filled=False)`, with the audit context, in one
    INSERT. One entry (a dossier's page) is saved as auditlog saves an entry, its pre_save
    signal filling in the context: `bulk_create` puts even a single INSERT in a transaction of
    its own, two more round trips (BEGIN, COMMIT) on every page that shows one dossier
    (issue 13: a page's queries). Several are filled in once and inserted together."""
    if len(entries) == 1:
        entries[0].save(force_insert=True)
    elif entries:
        get_logentry_model().objects.bulk_create(_fill_from_context(entries))


def log_access_many(instances) -> None:
    """The access entries of a page that shows many records at once, one per record, in one
    insert, so that the page's queries do not grow with its rows. Each entry is what
    `log_access` writes, its dossier included."""
    write_entries([_access_entry(instance, filled=False) for instance in instances])


@contextlib.contextmanager
def acting_for(by):
    """The entries written inside name `by`: in a request or task that already acts for `by`
    nothing changes (its address stays on the entries); elsewhere `by` becomes the actor."""
    if by is None or _current_actor_id() == by.pk:
        yield
    else:
        with acting_as(by):
            yield


class ReadKind:
    """What kind of read an access entry of `log_reads` records (its additional_data)."""

    DETAIL = "detail"
    LIST = "list"
    SEARCH = "search"
    ACTION = "action"
    EXPORT = "export"


def log_reads(actor_or_request, objects, *, kind: str = ReadKind.DETAIL) -> int:
    """The one hook for reads of personal data (S2), for pages and API alike: one access
    entry per dossier whose data `objects` show (a signal, an agenda item and the assessment
    itself all name the assessment), written in one insert however many objects there are.
    Objects of no dossier (a user) get an entry of their own. `actor_or_request` is the
    reader or the request; None keeps the actor of the audit context. Returns the number of
    entries written."""
    from subjects.registry import dossier_root, prefetch_roots

    actor = getattr(actor_or_request, "user", actor_or_request)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    objects = list(objects)
    prefetch_roots(objects)
    seen: dict[tuple, tuple] = {}
    for obj in objects:
        found = dossier_root(obj)
        target, dossier = found if found is not None else (obj, None)
        key = (target._meta.label_lower, target.pk)
        if key not in seen:
            seen[key] = (target, dossier)
    if not seen:
        return 0
    with acting_for(actor):
        entries = [
            _access_entry(target, dossier=dossier, filled=False, additional_data={"read": kind})
            for target, dossier in seen.values()
        ]
        write_entries(entries)
    return len(entries)


def write_entry(instance, action, *, by=None, **fields):
    """One audit entry written on purpose (an erasure, a destruction) rather than by
    auditlog's signals, with its dossier and actor like every other entry."""
    with acting_for(by):
        return get_logentry_model().objects.log_create(
            instance, force_log=True, action=action, **fields
        )


def named_dossier_columns(instance) -> dict:
    """The dossier of a row outside the files that names one by its columns (`file_label` and
    `dossier_key`: rights' duties, letters and outcomes, retention's holds), or whose parent
    does (a duty's postponement, a change's notice): its entries go with the dossier (B8)."""
    own = _own_dossier_columns(instance)
    if own:
        return own
    for field in instance._meta.concrete_fields:
        if not (field.many_to_one and _names_dossier(field.related_model)):
            continue
        if getattr(instance, field.attname, None) is None:
            continue
        try:
            own = _own_dossier_columns(getattr(instance, field.name))
        except ObjectDoesNotExist:
            continue
        if own:
            return own
    return {}


def _names_dossier(model) -> bool:
    names = {field.name for field in model._meta.concrete_fields}
    return {"file_label", "dossier_key"} <= names and model is not get_logentry_model()


def _own_dossier_columns(instance) -> dict:
    if not _names_dossier(type(instance)):
        return {}
    if not (instance.file_label and instance.dossier_key):
        return {}  # a request-wide letter: of no one dossier
    return {"file_label": instance.file_label, "dossier_key": instance.dossier_key}


class _EveryRow(Collector):
    """A collector that loads every row a delete takes with it (no fast deletes), so each one's
    audit entries can be found by its content type and key."""

    def can_fast_delete(self, *args, **kwargs):
        return False


def delete_with_trail(queryset) -> Counter:
    """B8: delete the rows and everything that cascades from them, with every audit entry about
    any of them (by content type and key: rows covering several dossiers have no dossier
    columns), writing no new entries. Returns the rows deleted per kind (`kind_of`), the audit
    entries included."""
    from auditlog.context import disable_auditlog

    from security.services.chain import delete_entries

    entries = get_logentry_model().objects
    collector = _EveryRow(using=queryset.db)
    collector.collect(list(queryset))
    counts: Counter = Counter()
    about = Q(pk__in=[])
    for model, instances in collector.data.items():
        # auditlog writes an integer key to `object_id` too, which the (content type, object
        # id, time) index serves (issue 13); only another kind of key is looked up as text.
        ids = [instance.pk for instance in instances if isinstance(instance.pk, int)]
        keys = [str(instance.pk) for instance in instances if not isinstance(instance.pk, int)]
        content_type = ContentType.objects.get_for_model(model)
        about |= Q(content_type=content_type) & (Q(object_id__in=ids) | Q(object_pk__in=keys))
    if collector.data:
        # Every kind of row at once: one purge, one lock on the chain's head (issue 13).
        counts[kind_of(entries.model)] += delete_entries(entries.filter(about), reason="trail")
    with disable_auditlog():
        _total, per_label = collector.delete()
    for label, number in per_label.items():
        counts[kind_of(apps.get_model(label))] += number
    return +counts


def kind_of(model) -> str:
    """A kind of row in a destruction record: the model's plural name in the site's language,
    the same whoever destroyed it (B8)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(model._meta.verbose_name_plural)


_PURGE_BATCH: ContextVar[uuid.UUID | None] = ContextVar("purge_batch", default=None)


@contextlib.contextmanager
def purge_batch():
    """One batch for every audit entry deleted inside (S2, B8): the chain records the purged
    entries under it (`security.PurgedLink.batch`) and a destruction record names it once. A
    nested block joins the batch already open."""
    if _PURGE_BATCH.get() is not None:
        yield _PURGE_BATCH.get()
        return
    token = _PURGE_BATCH.set(uuid.uuid4())
    try:
        yield _PURGE_BATCH.get()
    finally:
        _PURGE_BATCH.reset(token)


def current_purge_batch() -> uuid.UUID | None:
    return _PURGE_BATCH.get()


def destruction_entry(ref, *, root, batch):
    """B8, S2: the entry left of a destroyed dossier (unsaved) once its trail is purged: no
    personal data, only the dossier's file, key and root model, and the batch of the purged
    entries' hashes (`security.PurgedLink`). (The retention's destruction record is the proof
    for the archive law; this entry keeps the destruction visible in the audit trail the
    functionaris gegevensbescherming reviews.) Who destroyed it is filled in as it is saved
    (or sent `pre_save`) under `acting_for`."""
    model = get_logentry_model()
    return model(
        action=model.Action.DELETE,
        content_type=ContentType.objects.get_for_model(root),
        object_pk=str(root.pk),
        object_id=root.pk if isinstance(root.pk, int) else None,
        object_repr=ref.key,
        cid=get_cid(),
        file_label=ref.file_label,
        dossier_key=ref.key,
        additional_data={"destroyed": True, "purged_links": str(batch)},
    )


def _current_actor_id():
    """The actor of the audit context in force, or None. auditlog leaves a context's value
    behind when the context ends (it only disconnects the receiver that fills in the entries),
    so a value whose receiver is gone is no context at all."""
    from django.db.models.signals import pre_save

    try:
        context = auditlog_value.get()
    except LookupError:
        return None
    duid = context.get("signal_duid")
    if not any(entry[0][0] == duid for entry in pre_save.receivers):
        return None
    return getattr(context.get("actor"), "pk", None)


class AuditedTask(Task):
    """Celery task base: the user who queued a task stays its actor in the audit log; a task
    from beat acts as the system, named after the task."""

    def apply_async(self, args=None, kwargs=None, **options):
        actor_id = _current_actor_id()
        if actor_id is not None:
            options["headers"] = {**(options.get("headers") or {}), AUDIT_ACTOR_HEADER: actor_id}
        return super().apply_async(args, kwargs, **options)

    def __call__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        actor_id = getattr(self.request, AUDIT_ACTOR_HEADER, None) or (
            self.request.headers or {}
        ).get(AUDIT_ACTOR_HEADER)
        actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
        with acting_as(actor, system_name=f"celery:{self.name}"):
            return super().__call__(*args, **kwargs)
