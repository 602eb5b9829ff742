"""After the flush of a transactional test (the browser tests, `transaction=True`), the rows that
post_migrate makes (content types, permissions, the function groups) come back from a copy,
and only the other receivers of post_migrate run.

pytest-django empties every table after such a test and Django then sends post_migrate, as if
the database had been migrated from scratch: 1.1 s a flush, of which making those rows is
about half, some 150 times a run. The first flush of a test process sends post_migrate for real
and keeps what it made as a copy of each table it filled, in PostgreSQL's own COPY format;
every later flush of that process gets the copy back, with the rows' ids, as
tests/demo_snapshot.py does for the demo (both through tests/table_copies.py). The other
receivers still run: they drop what was kept of the old rows (their ids), guardian's content
types and the permission ids of subjects.permissions among them."""

import weakref

import pytest
from django.core.management.commands import flush
from django.db import connections
from django.db.models.signals import post_migrate

from tests.table_copies import Copies, copy_in, copy_out

_copy: dict[str, Copies] = {}  # database -> its copied tables (tests/table_copies.py)
_real_emit = flush.emit_post_migrate_signal


def _makes_rows(entry) -> bool:
    """Whether a receiver of post_migrate is one of those that make the copied rows."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    from parties.groups import sync_function_groups_after_migrate

    receiver = entry[1]
    if isinstance(receiver, weakref.ReferenceType):
        receiver = receiver()
    return receiver in (create_permissions, create_contenttypes, sync_function_groups_after_migrate)


def _emit_without_row_makers(verbosity, interactive, db) -> None:
    with post_migrate.lock:
        kept = list(post_migrate.receivers)
        post_migrate.receivers = [entry for entry in kept if not _makes_rows(entry)]
        post_migrate.sender_receivers_cache.clear()
    try:
        _real_emit(verbosity, interactive, db)
    finally:
        with post_migrate.lock:
            post_migrate.receivers = kept
            post_migrate.sender_receivers_cache.clear()


def emit_or_restore(verbosity, interactive, db, **kwargs):
    connection = connections[db]
    if connection.vendor != "postgresql" or kwargs:
        return _real_emit(verbosity, interactive, db, **kwargs)
    if db not in _copy:
        _real_emit(verbosity, interactive, db)
        _copy[db] = copy_out(connection, filled_only=True)
        return None
    copy_in(connection, _copy[db])
    _emit_without_row_makers(verbosity, interactive, db)
    return None


@pytest.fixture(scope="session", autouse=True)
def post_migrate_from_a_copy():
    flush.emit_post_migrate_signal = emit_or_restore
    yield
    flush.emit_post_migrate_signal = _real_emit
