"""Dossier numbers of both files ("W-2026-00001", "C-2026-00001"), from one counter per prefix.

The counter row is taken with one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` statement, so
two dossiers opened at the same moment never get the same number: the second waits for the
first's transaction. A number is never given twice, not even after a dossier was destroyed, so
an audit trail or a destruction record never names two dossiers."""

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from subjects.models import DossierSequence


def year_prefix(letter: str) -> str:
    """The prefix of this year's numbers of a file: "W-2026-"."""
    return f"{letter}-{timezone.localdate().year}-"


def next_number(prefix: str, model, *, field: str = "number", width: int = 5) -> str:
    """The next free number with this prefix for `model` (counted from the highest number in
    the table the first time, so dossiers numbered before the counter existed keep theirs)."""
    highest = model.objects.filter(**{f"{field}__startswith": prefix}).aggregate(
        highest=Max(field)
    )["highest"]
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
    return f"{prefix}{sequence:0{width}d}"
