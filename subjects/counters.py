"""Counts kept on a parent row (issue 13), the same for both files.

A list that shows how many signals a dossier has, or how many cases a meeting, would otherwise
count the child table for every row it lists: at national scale a scan of the whole child table
and a sort on disk. So the parent keeps the count in a column of its own, and each file has one
function that sets it from the children (`weegploeg.counts`, `cases.counts`), called by every
service that adds, removes or changes a child. Counted afresh each time, never moved by one: a
path that forgets to call it is caught by the tests, and a count cannot drift.

Two services that change children of one parent at the same time both end here: the row lock
makes the second wait until the first commits and then count in a new statement, which sees the
first's rows (READ COMMITTED). `FOR NO KEY UPDATE` does not wait for the key-share lock that
inserting a child takes on its parent, so two inserts of children do not deadlock here.
"""

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(children: models.QuerySet, link: str) -> Coalesce:
    """The number of `children` whose `link` (a foreign key) is the outer row, for an update
    or an annotation."""
    counted = (
        children.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def recount(model: type[models.Model], rows: Iterable, **counts) -> None:
    """Set the counts (`field=expression` over the children) of the parent rows `rows`
    (instances or keys), under a row lock, and on the instances given, so that a later
    `save()` of one writes the new counts rather than the old."""
    rows = [row for row in rows if row is not None]
    keys = sorted({getattr(row, "pk", row) for row in rows})
    if not keys:
        return
    with transaction.atomic():
        parents = model._base_manager.filter(pk__in=keys)
        # The lock first, in key order; the update after it is a new statement, which sees what
        # a transaction that held the lock before committed.
        list(parents.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))
        parents.update(**counts)
        instances = [row for row in rows if isinstance(row, model)]
        if instances:
            fresh = {row["pk"]: row for row in parents.values("pk", *counts)}
            for instance in instances:
                for field in counts:
                    setattr(instance, field, fresh[instance.pk][field])
