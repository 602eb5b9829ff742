"""Issue 13: search by number or name without reading every case: pg_trgm's GIN indexes for
`number__icontains` and `name_key__contains` (see weegploeg 0011, which creates the extension first).
PostgreSQL only; the embedded SQLite default gets no index and the model state holds none."""

from django.db import migrations

INDEXES = {
    "case_number_trgm": "UPPER(number) gin_trgm_ops",
    "case_name_key_trgm": "name_key gin_trgm_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON cases_case USING gin ({expression})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_open_measures_index"),
        ("weegploeg", "0011_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
