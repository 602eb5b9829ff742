"""Issue 13: settings of the application's database itself, made by migrations, so every new
connection starts with them, through a pooler too (`config.migration_hooks.database_setting`).

- ADR 0037: PostgreSQL's JIT compiler is off. A list of weegploeg meetings whose cost
  PostgreSQL overestimated was compiled on every request (800 ms of a 1 s page at national
  scale).
- ADR 0040: no parallel query. On two cores, starting the workers cost a panel more than they
  saved, and under load they took the cores of other requests."""

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

SETTINGS = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]


@pytest.mark.parametrize(("name", "value"), SETTINGS)
def test_issue13_a_new_connection_to_the_database_starts_with_the_setting(name, value):
    with psycopg.connect(**connection.get_connection_params()) as fresh:
        assert fresh.execute(f"SHOW {name}").fetchone()[0] == value


@pytest.mark.parametrize(("name", "value"), SETTINGS)
def test_issue13_the_setting_is_one_of_the_database_itself(name, value):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting WHERE setrole = 0"
            " AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        assert f"{name}={value}" in cursor.fetchone()[0].split(",")


def test_issue13_a_setting_of_the_database_is_a_plain_word():
    """What `database_setting` writes into its SQL (a name, a value, a reason) is plain words."""
    from config.migration_hooks import database_setting

    database_setting("work_mem", "4mb", why="a test")
    with pytest.raises(ValueError):
        database_setting("jit = off; DROP TABLE x", "on", why="a test")
    with pytest.raises(ValueError):
        database_setting("jit", "off'; --", why="a test")
    with pytest.raises(ValueError):
        database_setting("jit", "off", why="it's a test")
