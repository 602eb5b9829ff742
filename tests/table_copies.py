"""Tables copied out and back in PostgreSQL's own COPY format (binary), for the test plumbing
that keeps what a slow step made and gives it back to later tests: the demo's seed
(tests/demo_snapshot.py) and the rows post_migrate makes after a flush (tests/flush_snapshot.py).
The rows come back with their ids, and the sequences are set past them."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import transaction

Copies = dict[str, bytes]  # table -> its rows, as COPY ... (FORMAT binary) wrote them


def tables(connection) -> list[str]:
    """The tables a flush empties (Django's own list)."""
    return sorted(connection.introspection.django_table_names(only_existing=True))


def copy_out(connection, *, filled_only: bool = False) -> Copies:
    """The rows of every table; `filled_only` leaves out the empty ones."""
    quote = connection.ops.quote_name
    copies = {}
    with connection.cursor() as cursor:
        for table in tables(connection):
            if filled_only:
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")
                if not cursor.fetchone()[0]:
                    continue
            with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                copies[table] = b"".join(bytes(block) for block in copy)
    return copies


def copy_in(connection, copies: Copies, *, emptied_first: bool = False) -> None:
    """The copied rows back, in one transaction; `emptied_first` empties every table first
    (what a test left included)."""
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The foreign keys are checked at the commit (Django makes them deferrable), when every
        # row is back.
        if emptied_first:
            cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables(connection))}")
        for table, rows in copies.items():
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(rows)
        # The sequences past the copied ids, also after a test or a flush that reset them.
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in copies
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    # The copy brought its own content types, whose ids may differ from those cached.
    ContentType.objects.clear_cache()
