"""Issue 13 (ADR 0037): PostgreSQL's JIT compiler is off for the application's database, set on
the database by a migration, so every new connection starts without it, through a pooler too.
A list of weegploeg meetings whose cost PostgreSQL overestimated was compiled on every request
(800 ms of a 1 s page at national scale)."""

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_issue13_a_new_connection_to_the_database_has_no_jit():
    with psycopg.connect(**connection.get_connection_params()) as fresh:
        assert fresh.execute("SHOW jit").fetchone()[0] == "off"


def test_issue13_jit_is_a_setting_of_the_database_itself():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting WHERE setrole = 0"
            " AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        assert "jit=off" in cursor.fetchone()[0].split(",")
