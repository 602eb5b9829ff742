"""The demo data for the tests that read it (the browser tests, the `demo_data` fixture):
seeded for real once per test process, copied back after that.

Each such test used to seed the demo again, some twelve seconds each: a browser test because
pytest-django empties every table after it (`transaction=True`, for the live server), the others
because their transaction is rolled back. The first seed of a process (with the legal grounds a
flush removes) is kept as a copy of every table, taken right after it, in PostgreSQL's own COPY
format; a later test gets that copy back, in well under a second, committed or in its own
transaction. The rows are those the seed wrote, in the same database, on the same day: the same
data as seeding again, ids included. The tests of the seed itself (tests/parties/test_demo.py)
seed for real."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from parties import demo
from tests.rights.grounds import ground

_copy: dict[str, bytes] = {}  # table -> its rows, as COPY ... (FORMAT binary) wrote them


def _tables() -> list[str]:
    """The tables a flush empties (Django's own list), the copy's tables."""
    return sorted(connection.introspection.django_table_names(only_existing=True))


def seed_demo() -> None:
    """The grounds and the demo, on a database a flush emptied (or a fresh one)."""
    if _copy:
        _restore()
        return
    ground("strafbare-feiten")  # a flush of an earlier transactional test emptied the grounds
    demo.seed()
    with connection.cursor() as cursor:
        for table in _tables():
            name = connection.ops.quote_name(table)
            with cursor.copy(f"COPY {name} TO STDOUT (FORMAT binary)") as copy:
                _copy[table] = b"".join(bytes(block) for block in copy)


def _restore() -> None:
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # Every table at once, what the previous test left included; the foreign keys are
        # checked at the commit (Django makes them deferrable), when every row is back.
        cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in _tables())}")
        for table, rows in _copy.items():
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(rows)
        # The sequences past the copied ids, also after a test that reset them.
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    # The flush made the content types afresh, with other ids; the copy brought the old ones.
    ContentType.objects.clear_cache()
