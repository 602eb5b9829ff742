"""Bulk writing: ids taken in blocks from each table's sequence, so rows can name each other
before any is written, and PostgreSQL's COPY through psycopg 3 (`cursor.copy`).

Rows go in as tuples in the order of the fields named; every other column of the model gets its
field's default, and a column with neither is refused at once, so a field added to a model later
shows up here as a clear error instead of a half-filled table."""

import time
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import NOT_PROVIDED

AUTO_FIELDS = ("AutoField", "BigAutoField", "SmallAutoField")


class Progress:
    """Counts the rows written; `bar` is a tqdm bar or None."""

    def __init__(self, bar=None):
        self.bar = bar
        self.rows = 0
        self.phases: list[tuple[str, float]] = []  # (phase, seconds), in order
        self._phase, self._since = "start", time.monotonic()

    def add(self, count: int) -> None:
        self.rows += count
        if self.bar is not None:
            self.bar.update(count)

    def note(self, text: str) -> None:
        now = time.monotonic()
        self.phases.append((self._phase, now - self._since))
        self._phase, self._since = text, now
        if self.bar is not None:
            self.bar.set_postfix_str(text, refresh=True)


def reserve_ids(model, count: int) -> int:
    """The first of `count` consecutive ids taken from the model's sequence."""
    if count <= 0:
        return 0
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, model._meta.pk.column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def _columns(model, fields: Sequence[str]) -> tuple[list[str], tuple]:
    """The table's columns for `fields` (attribute names), then those of the model's other
    concrete fields, with the defaults they take."""
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    by_name.update({field.name: field for field in model._meta.concrete_fields})
    unknown = [name for name in fields if name not in by_name]
    if unknown:
        raise ValueError(f"{model._meta.label} has no field {unknown}")
    given = {by_name[name].attname for name in fields}
    columns = [by_name[name].column for name in fields]
    extra = []
    for field in model._meta.concrete_fields:
        if field.attname in given:
            continue
        if field.primary_key and field.get_internal_type() in AUTO_FIELDS:
            continue  # the table's identity column numbers it
        if field.generated:
            continue  # the database derives it (`number_order`, ADR 0023)
        if field.db_default is not NOT_PROVIDED and not field.has_default():
            continue  # the database fills it
        value = field.get_default()  # what a new instance holds: "" for a blank text field
        if value is None and not field.null:
            raise ValueError(
                f"seed_scale does not fill {model._meta.label}.{field.name}: add it to the seed."
            )
        columns.append(field.column)
        extra.append(_plain(field, value))
    return columns, tuple(extra)


def _plain(field, value):
    if field.get_internal_type() == "JSONField" and value is not None:
        import json

        return json.dumps(value)
    return value


def copy_rows(model, fields: Sequence[str], rows: Iterable[tuple], progress=None) -> int:
    """COPY `rows` (tuples in the order of `fields`) into the model's table; JSON values as
    text (`json.dumps`). Returns the number of rows written."""
    columns, extra = _columns(model, fields)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    written = 0
    connection.ensure_connection()
    statement = f"COPY {table} ({names}) FROM STDIN"  # noqa: S608 - names, not input
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write(row + extra)
                written += 1
        else:
            for row in rows:
                write(row)
                written += 1
    if progress is not None:
        progress.add(written)
    return written


def copy_m2m(field, pairs: Iterable[tuple[int, int]], progress=None) -> int:
    """COPY (source id, target id) pairs into the through table of a many-to-many field."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    return copy_rows(through, [f"{source}_id", f"{target}_id"], pairs, progress)
