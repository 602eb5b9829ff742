"""B1: the date of the last processing is kept for each dossier, by one wrapper.

Every service that changes a dossier of either file is decorated with `@changes_dossier(...)`:
it runs in one transaction and, when it returns, the last-processing date of the dossiers it
names is set to now. No service touches the date itself, so none can forget it;
`tests/subjects/test_changes_dossier.py` lists every public service of both files and runs each
one that changes a dossier, so a new service must be decorated and listed.
"""

import functools
import inspect
from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone

RESULT = "return"


def touch(dossier) -> None:
    """Set the dossier's last-processing date to now. Only `changes_dossier` calls this."""
    dossier.last_processed_at = timezone.now()
    dossier.save(update_fields=["last_processed_at"])


def _follow(value, attributes: list[str]) -> list:
    """The model instances at the end of `attributes`, through iterables and managers."""
    if value is None:
        return []
    if isinstance(value, models.Manager):
        value = value.all()
    if not isinstance(value, models.Model):
        return [found for item in value for found in _follow(item, attributes)]
    if not attributes:
        return [value]
    return _follow(getattr(value, attributes[0]), attributes[1:])


def dossiers_named(path: str, arguments: dict, result) -> list:
    """The dossiers a `changes_dossier` path names: "case" (an argument), "measure.case" (an
    attribute of one), "cases" (an iterable argument: a list or a queryset), "return" or
    "return.assessment" (what the service returned), "meeting.discussions.case" (through a
    relation to many)."""
    first, *rest = path.split(".")
    value = result if first == RESULT else arguments[first]
    return [dossier for dossier in _follow(value, rest) if dossier is not None]


def changes_dossier(*paths: str) -> Callable:
    """Decorate a service that changes one or more dossiers, named by `paths` (see
    `dossiers_named`). The service runs in a transaction; after it returns, each named dossier's
    last-processing date is now (B1)."""
    if not paths:
        raise TypeError("Name the dossier(s) the service changes.")

    def decorate(service: Callable) -> Callable:
        signature = inspect.signature(service)
        for path in paths:
            first = path.split(".", 1)[0]
            if first != RESULT and first not in signature.parameters:
                raise TypeError(f"{service.__qualname__} has no argument {first!r}.")

        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            with transaction.atomic():
                result = service(*args, **kwargs)
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                touched = set()
                for path in paths:
                    for dossier in dossiers_named(path, bound.arguments, result):
                        key = (type(dossier), dossier.pk)
                        if key not in touched:
                            touched.add(key)
                            touch(dossier)
            return result

        wrapper.changes_dossier = paths
        return wrapper

    return decorate
