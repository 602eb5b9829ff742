"""Audit plumbing shared by every app (S2): who acted, for which party, and reads as well as
changes. django-auditlog writes the entries; this module supplies the actor in every context
(page, API, Celery) and the access entries for reads."""

import contextlib

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_extra_data
from auditlog.middleware import AuditlogMiddleware
from auditlog.signals import accessed
from celery import Task
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str
from rest_framework.response import Response

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
    actually written."""

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


def log_access_many(instances) -> None:
    """The access entries of a page that shows many records at once (a meeting's agenda), in
    one insert, so that the page's queries do not grow with its rows. Each entry is what
    `log_access` writes: the pre_save signal that `log_access` relies on fills in the actor,
    the actor's party and the address from the audit context. (No model here registers
    serialize_data, so serialized_data stays empty, as in `log_access`.)"""
    entry_model = get_logentry_model()
    entries = []
    for instance in instances:
        entry = entry_model(
            action=entry_model.Action.ACCESS,
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance),
            cid=get_cid(),
        )
        pre_save.send(
            sender=entry_model,
            instance=entry,
            raw=False,
            using=DEFAULT_DB_ALIAS,
            update_fields=None,
        )
        entries.append(entry)
    entry_model.objects.bulk_create(entries)


class AccessLoggedMixin:
    """For detail, download and export views of personal data: each GET writes an access
    entry for the object shown (S2)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access(self.object)
        return response


class AccessLoggedRetrieveMixin:
    """The API's counterpart for viewsets: every retrieve writes an access entry (S2)."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        log_access(instance)
        return Response(self.get_serializer(instance).data)


def _current_actor_id():
    try:
        actor = auditlog_value.get().get("actor")
    except LookupError:
        return None
    return getattr(actor, "pk", None)


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
