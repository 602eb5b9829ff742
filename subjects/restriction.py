"""Restricting one item of a dossier (R1, AVG 18, "afscherming"): the item stays, but every
ordinary read (pages, API, copies, disclosures) no longer sees it, because the item models that
can be restricted read through `UnrestrictedManager`. What must see everything (the access
answer to the subject, rectification, destruction) reads inside `showing_restricted()`.

Only items whose absence leaves the dossier's rules intact can be restricted: a signal, a
finding, added information, expert advice, a related person, a progress note. A decision, a
closing or a participant carries the dossier's state and is rectified or erased instead."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models import Exists, OuterRef

_SHOWING = ContextVar("showing_restricted", default=False)


@contextmanager
def showing_restricted():
    """Within this block the restricted items are read too (the access answer, R4)."""
    token = _SHOWING.set(True)
    try:
        yield
    finally:
        _SHOWING.reset(token)


def restricted_q(model) -> Exists:
    from subjects.models import Restriction

    return Exists(
        Restriction.objects.filter(item_model=model._meta.label_lower, item_pk=OuterRef("pk"))
    )


class UnrestrictedManager(models.Manager):
    """The default manager of an item model that can be restricted: restricted rows left out,
    also through every relation (Django's related managers derive from the default manager).
    Deletion uses the base manager and so still reaches them."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if _SHOWING.get():
            return queryset
        return queryset.filter(~restricted_q(self.model))


def is_restrictable(model) -> bool:
    return isinstance(model._default_manager, UnrestrictedManager)
