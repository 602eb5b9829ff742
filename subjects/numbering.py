"""Dossier numbers of both files ("W-2026-00001", "C-2026-00001"), from one counter per prefix.

The counter row is taken with one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` statement, so
two dossiers opened at the same moment never get the same number: the second waits for the
first's transaction. A number is never given twice, not even after a dossier was destroyed, so
an audit trail or a destruction record never names two dossiers.

A number keeps the text it was issued with (it is a URL key, and letters, audit entries and the
registry's `DossierRef` keys name it). Past the width the serial grows ("W-2026-100000"), and
its text no longer sorts in issue order ("W-2026-100000" < "W-2026-99999"): lists order by
`number_order` instead, a column the database derives from the number with the serial padded
to `ORDER_WIDTH` digits (ADR 0023, issue 13)."""

from django.db import connection, models
from django.db.models import Value
from django.db.models.functions import Concat, Left, Right, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from subjects.models import DossierSequence

# The serial's digits in the order key: ten thousand million dossiers a year.
ORDER_WIDTH = 10
# What `order_field` calls the column; `next_number` reads the highest number by it.
ORDER_FIELD = "number_order"


def year_prefix(letter: str) -> str:
    """The prefix of this year's numbers of a file: "W-2026-"."""
    return f"{letter}-{timezone.localdate().year}-"


def format_number(prefix: str, sequence: int, width: int = 5) -> str:
    """The number of the `sequence`th dossier with `prefix`, padded to `width` digits (wider
    when it does not fit: "W-2026-100000")."""
    return f"{prefix}{sequence:0{width}d}"


def number_order(letter: str, field: str = "number"):
    """The key that sorts numbers with `letter`'s prefix ("W-2026-") in issue order: the prefix,
    then the serial padded to `ORDER_WIDTH` digits ("W-2026-0000100000"). Only functions every
    database has and PostgreSQL calls immutable (LEFT, RIGHT, SUBSTR, ||), so it can be a
    stored generated column; a number of another form gets a key too, never an error."""
    prefix_length = len(year_prefix(letter))
    padded = Concat(Value("0" * ORDER_WIDTH), Substr(field, prefix_length + 1))
    return Concat(Left(field, prefix_length), Right(padded, ORDER_WIDTH))


def order_field(letter: str) -> models.GeneratedField:
    """The stored column `number_order` of a model numbered with `letter` (ADR 0023)."""
    return models.GeneratedField(
        expression=number_order(letter),
        output_field=models.CharField(max_length=len(year_prefix(letter)) + ORDER_WIDTH),
        db_persist=True,
        verbose_name=_("number order"),
    )


def sort_key(number: str) -> tuple[str, int, str]:
    """In Python, the order of `number_order`: the prefix, then the serial by its value."""
    prefix, _dash, serial = number.rpartition("-")
    return (prefix, len(serial), serial)


def next_number(prefix: str, model, *, field: str = "number", width: int = 5) -> str:
    """The next free number with this prefix for `model` (counted from the highest number in
    the table the first time, so dossiers numbered before the counter existed keep theirs)."""
    highest = (
        model.objects.filter(**{f"{field}__startswith": prefix})
        .order_by(f"-{ORDER_FIELD}")
        .values_list(field, flat=True)
        .first()
    )
    start = int(highest.removeprefix(prefix)) + 1 if highest else 1
    table = connection.ops.quote_name(DossierSequence._meta.db_table)
    # The larger of two values: GREATEST in PostgreSQL, the two-argument MAX in SQLite (the
    # embedded default of `make run`).
    larger = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, last) VALUES (%s, %s) "  # noqa: S608 - names, not input
            f"ON CONFLICT (key) DO UPDATE SET last = {larger}({table}.last + 1, EXCLUDED.last) "
            "RETURNING last",
            [f"{model._meta.label_lower}:{prefix}", start],
        )
        (sequence,) = cursor.fetchone()
    return format_number(prefix, sequence, width)
