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

from django.db import connection

from parties import demo
from tests.rights.grounds import ground
from tests.table_copies import Copies, copy_in, copy_out

_copy: Copies = {}  # the tables as the first seed left them (tests/table_copies.py)


def seed_demo() -> None:
    """The grounds and the demo, on a database a flush emptied (or a fresh one)."""
    if _copy:
        # Every table at once, what the previous test left included.
        copy_in(connection, _copy, emptied_first=True)
        return
    ground("strafbare-feiten")  # a flush of an earlier transactional test emptied the grounds
    demo.seed()
    _copy.update(copy_out(connection))
