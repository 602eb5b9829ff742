"""Issue 13: PostgreSQL's estimate of how many dossiers a user sees, which decides the plan of a
permission-filtered list (`subjects.permissions.held`, the group and permission ids written in
as values): a statistics target of 10000 on the group column of the group permission table, so
that every group's own row count is known rather than the average group's, and the most common
(group, permission) pairs together. PostgreSQL only; the embedded SQLite default gets nothing
and the model state is unchanged. Takes effect at the next ANALYZE (autovacuum's, or by hand)."""

from django.db import migrations

STATISTICS = "cases_case_group_permission_mcv"


def _table(apps):
    return apps.get_model("cases", "CaseGroupPermission")._meta.db_table


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps)
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN group_id SET STATISTICS 10000")
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) "
        f"ON group_id, permission_id FROM {table}"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
    schema_editor.execute(f"ALTER TABLE {_table(apps)} ALTER COLUMN group_id SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_case_number_order")]

    operations = [migrations.RunPython(create, drop)]
