"""The rows of a few one-to-many relations read in their parent's query (issue 13, ADR 0032).

A dossier's API detail shows a dozen kinds of rows, each a relation of the dossier; read with
`prefetch_related` that is a query per kind, and the detail went past the twelve queries of a
page. On PostgreSQL a relation named here is read as an array of JSON objects, one per row, in a
column of the parent's own query (`ARRAY(SELECT jsonb_build_object(...) ... ORDER BY ...)`), and
turned into model instances that sit where `prefetch_related` puts them: `parent.rows.all()`
gives them without a query, so serializers and templates read them as before. Elsewhere (the
embedded SQLite default) they are prefetched, a query each, as before.

Only plain rows: every concrete column of the related model and any annotation of its queryset
(the `restricted` mark, R6) travel; nothing the rows select or prefetch in turn. Which rows
(restricted ones or not) is up to the queryset given, as with a `Prefetch`."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import JSONObject

PREFIX = "nested_rows_"


@dataclass(frozen=True)
class Nested:
    """One relation of the parent (`relation`: the reverse accessor of a foreign key, such as
    "checks") and the queryset of its rows: their filter (restricted rows, R6) and order."""

    relation: str
    queryset: QuerySet

    def prefetch(self) -> Prefetch:
        return Prefetch(self.relation, queryset=self.queryset)


def _in_one_query(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _foreign_key(parent_model, relation: str):
    return parent_model._meta.get_field(relation).field


def _columns(nested: Nested) -> list[str]:
    model = nested.queryset.model
    return [
        *(field.attname for field in model._meta.concrete_fields),
        *nested.queryset.query.annotations,
    ]


def read_with(queryset: QuerySet, *relations: Nested) -> QuerySet:
    """`queryset` reading the rows of `relations` in its own query (PostgreSQL); unchanged
    elsewhere: `attach` then prefetches them."""
    if not _in_one_query(queryset):
        return queryset
    from django.contrib.postgres.expressions import ArraySubquery

    for nested in relations:
        key = _foreign_key(queryset.model, nested.relation)
        row = JSONObject(**{column: column for column in _columns(nested)})
        rows = nested.queryset.filter(**{key.name: OuterRef("pk")}).annotate(nested_row=row)
        queryset = queryset.annotate(
            **{f"{PREFIX}{nested.relation}": ArraySubquery(rows.values("nested_row"))}
        )
    return queryset


def attach(parents, *relations: Nested) -> None:
    """Put the rows read by `read_with` where `prefetch_related` puts them, on each of
    `parents`; where they were not read with them (not PostgreSQL), prefetch them."""
    parents = list(parents)
    if not parents:
        return
    missing = [
        nested for nested in relations if f"{PREFIX}{nested.relation}" not in parents[0].__dict__
    ]
    if missing:
        prefetch_related_objects(parents, *(nested.prefetch() for nested in missing))
    for nested in relations:
        if nested in missing:
            continue
        for parent in parents:
            _set_rows(parent, nested, parent.__dict__.pop(f"{PREFIX}{nested.relation}") or [])


def _set_rows(parent, nested: Nested, found: list[dict]) -> None:
    model = nested.queryset.model
    fields = {field.attname: field for field in model._meta.concrete_fields}
    key = _foreign_key(type(parent), nested.relation)
    rows = []
    for values in found:
        row = model.from_db(
            nested.queryset.db,
            list(fields),
            [field.to_python(values[name]) for name, field in fields.items()],
        )
        for name in nested.queryset.query.annotations:
            setattr(row, name, values[name])
        key.set_cached_value(row, parent)
        rows.append(row)
    manager = getattr(parent, nested.relation)
    shown = manager.get_queryset()
    shown._result_cache = rows
    shown._prefetch_done = True
    if not hasattr(parent, "_prefetched_objects_cache"):
        parent._prefetched_objects_cache = {}
    parent._prefetched_objects_cache[key.remote_field.cache_name] = shown
