"""Issue 13: a region's check queue (W5, `subjects.checking.due_for_check`: never checked
first, then the longest unchecked) in its order, and counted from the index alone
(`weegploeg.dashboard.checks_due`, `first_rows(counted_apart=True)`). The dashboard's panel of
checks due read a region's every due dossier whole (4,781 of 10,278 at national scale, from
5,052 heap pages) to show eight of them.

PostgreSQL only, as the trigram indexes of migration 0011: SQLite has no NULLS FIRST in an
index, and the embedded default's demo is small. So the model state does not hold it either,
and no later migration that rebuilds the table on SQLite tries to create it there."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS assessment_check_queue ON weegploeg_assessment "
    "(veiligheidshuis_id, last_checked_at ASC NULLS FIRST, created_at, id) "
    "WHERE archived_at IS NULL"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS assessment_check_queue")


class Migration(migrations.Migration):
    dependencies = [("weegploeg", "0022_findings_in_criterion_order")]

    operations = [migrations.RunPython(create, drop)]
