"""Issue 13 (ADR 0037): PostgreSQL's JIT compiler off for this database. A page's query whose
cost PostgreSQL overestimates (a list of weegploeg meetings: an estimate of 840,000 for a query
of 40 ms) was compiled on every request, 800 ms of a 1 s page at national scale. The queries of
this application are short; none gains from it. Set on the database, so that it holds for every
connection and through a connection pooler; a role that does not own the database cannot set
it, and then the migration says so and goes on (README: set `jit = off` on the server)."""

from django.db import migrations

from config.migration_hooks import database_setting


class Migration(migrations.Migration):
    dependencies = [("parties", "0006_merge_0005_concur_version_0005_p8_file_authorisation")]

    operations = [database_setting("jit", "off", why="ADR 0037")]
