"""Issue 13 (ADR 0037): PostgreSQL's JIT compiler off for this database. A page's query whose
cost PostgreSQL overestimates (a list of weegploeg meetings: an estimate of 840,000 for a query
of 40 ms) was compiled on every request, 800 ms of a 1 s page at national scale. The queries of
this application are short; none gains from it. Set on the database, so that it holds for every
connection and through a connection pooler; a role that does not own the database cannot set
it, and then the migration says so and goes on (README: set `jit = off` on the server)."""

from django.db import migrations

SET = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'jit is not turned off: only the owner of the database can (ADR 0037)';
END
$$;
"""
RESET = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;
"""


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)  # no parameters: its % are format()'s

    return operation


class Migration(migrations.Migration):
    dependencies = [("parties", "0006_merge_0005_concur_version_0005_p8_file_authorisation")]

    operations = [migrations.RunPython(run(SET), run(RESET), elidable=False)]
