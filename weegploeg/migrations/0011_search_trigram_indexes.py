"""Issue 13: search by number or name without reading every assessment. The list searches with
`number__icontains` (`UPPER(number) LIKE '%...%'`) and `name_key__contains` (`LIKE '%...%'`),
which no B-tree index serves; pg_trgm's GIN indexes do, for any part of three characters or
more. PostgreSQL only: the embedded SQLite default of `make run` gets neither the extension nor
the indexes (its demo is small), and the model state does not hold them, so no later migration
that rebuilds the table on SQLite tries to create them there."""

from django.db import migrations

INDEXES = {
    "assessment_number_trgm": "UPPER(number) gin_trgm_ops",
    "assessment_name_key_trgm": "name_key gin_trgm_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A trusted extension since PostgreSQL 13: the database's owner may create it. Left in place
    # when the migration is reversed: other indexes may use it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON weegploeg_assessment USING gin ({expression})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("weegploeg", "0010_fill_parent_counts")]

    operations = [migrations.RunPython(create, drop)]
