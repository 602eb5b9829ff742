"""Issue 13 (ADR 0040): no parallel query for this database. On the two cores that serve the
web processes, the workers and PostgreSQL, a page's query that PostgreSQL ran in parallel spent
longer starting its workers than it saved (the weegploeg's panel of decisions waiting: 20-28 ms
against 12-18 without), and under load the workers took the cores of other requests. Set on
the database as `jit = off` is (migration 0007); the README tells an operator whose role does
not own the database what to set on the server."""

from django.db import migrations

from config.migration_hooks import database_setting


class Migration(migrations.Migration):
    dependencies = [("parties", "0007_database_without_jit")]

    operations = [database_setting("max_parallel_workers_per_gather", "0", why="ADR 0040")]
