"""Restricting one item of a dossier (R1, AVG 18, "afscherming"): the item stays, but every
ordinary read (pages, API, copies, disclosures) no longer sees it, because the item models that
can be restricted read through `UnrestrictedManager`. What must see everything (the access
answer to the subject, rectification, destruction) reads inside `showing_restricted()`.

R6: "restriction hides the item from everyone but the uitvoerder": the dossier's page and API
read inside `reading_restricted(keeps)` for the keeper of the dossier's file (the file's
selectors say who that is) and mark each row with `restricted` (`mark_restricted`), so the
keeper sees the item marked "Afgeschermd" and nobody else sees it at all.

Only items whose absence leaves the dossier's rules intact can be restricted: a signal, a
finding, added information, expert advice, a related person, a progress note. A decision, a
closing or a participant carries the dossier's state and is rectified or erased instead."""

from contextlib import contextmanager, nullcontext
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


def marked(model) -> models.QuerySet:
    """The rows of a restrictable model as the default manager reads them now (inside
    `reading_restricted` the restricted ones too), each marked `restricted` in the same query:
    `mark_restricted` without a query of its own (issue 13)."""
    return model.objects.annotate(restricted=restricted_q(model))


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


def reading_restricted(keeps: bool):
    """`showing_restricted()` for the keeper of the dossier's file, else nothing (R6)."""
    return showing_restricted() if keeps else nullcontext()


def mark_restricted(rows) -> None:
    """Set `restricted` on every row: True when it is restricted; one query per model."""
    from subjects.models import Restriction

    by_model: dict[type, list] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, found in by_model.items():
        restricted = set()
        if is_restrictable(model):
            restricted = set(
                Restriction.objects.filter(
                    item_model=model._meta.label_lower, item_pk__in=[row.pk for row in found]
                ).values_list("item_pk", flat=True)
            )
        for row in found:
            row.restricted = row.pk in restricted


def visible_rows(model, queryset_filter, *, kept_filter):
    """The rows of `model` matching `queryset_filter`, for a list (R6): restricted ones left out
    except where `kept_filter` holds (the dossiers whose file the reader keeps), each annotated
    with `restricted`. A model that cannot be restricted reads as usual."""
    if not is_restrictable(model):
        return model.objects.filter(queryset_filter)
    return (
        model._base_manager.filter(queryset_filter)
        .exclude(pk__in=_hidden(model, kept_filter))
        .annotate(restricted=restricted_q(model))
    )


def _hidden(model, kept_filter):
    """The pks of the restricted rows of `model` where `kept_filter` does not hold: a few rows
    (restrictions are rare), so a list leaves them out by key, without joining every row it
    reads to the relations of `kept_filter` (issue 13: the keeper's capped count of 30,000
    signals, 10-12 to 6 ms)."""
    from subjects.models import Restriction

    labelled = Restriction.objects.filter(item_model=model._meta.label_lower)
    restricted = model._base_manager.filter(pk__in=labelled.values("item_pk"))
    return restricted.exclude(pk__in=restricted.filter(kept_filter).values("pk")).values("pk")


def restricted_api_field():
    """The API's `restricted` mark of an item (R6): true only in what the file's keeper reads."""
    from rest_framework import serializers

    return serializers.BooleanField(
        read_only=True,
        default=False,
        help_text="Restricted (afgeschermd, AVG 18): shown only to the keeper of the file.",
    )
