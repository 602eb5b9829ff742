"""Issue 13 (docs/adr/0019-audit-table-without-partitions.md): the audit table keeps only the
indexes its queries use. The single-column indexes of auditlog's abstract model (content type,
object pk and id, action, correlation id) and of the actor's and party's foreign keys go; three
composite indexes ending in the time come: (actor, time), (file, dossier, time) in place of
(file, dossier), and (content type, object id, time).

The fields' `db_index` changes in the model state only: on the database the old indexes are
dropped by name as introspection finds them, so PostgreSQL does not drop and re-validate the
foreign keys of a table of millions of rows (which AlterField on a foreign key would), and
SQLite does not rebuild the table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The columns whose own index goes (PostgreSQL also has a `_like` index on the two texts).
UNINDEXED = (
    "content_type_id",
    "object_pk",
    "object_id",
    "action",
    "cid",
    "actor_id",
    "actor_party_id",
)


def drop_single_column_indexes(apps, schema_editor):
    table = apps.get_model("security", "AuditEntry")._meta.db_table
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    for name, info in found.items():
        plain = info["index"] and not info["unique"] and not info["primary_key"]
        if plain and len(info["columns"]) == 1 and info["columns"][0] in UNINDEXED:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_single_column_indexes(apps, schema_editor):
    table = apps.get_model("security", "AuditEntry")._meta.db_table
    for column in UNINDEXED:
        name = schema_editor._create_index_name(table, [column])
        schema_editor.execute(
            f"CREATE INDEX {schema_editor.quote_name(name)} "
            f"ON {schema_editor.quote_name(table)} ({schema_editor.quote_name(column)})"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('parties', '0006_merge_0005_concur_version_0005_p8_file_authorisation'),
        ('security', '0007_access_review'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='auditentry',
            name='audit_entry_dossier',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='auditentry',
                    name='action',
                    field=models.PositiveSmallIntegerField(choices=[(0, 'create'), (1, 'update'), (2, 'delete'), (3, 'access')], verbose_name='action'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='actor',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='actor_party',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='parties.party', verbose_name='party of the actor'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='cid',
                    field=models.CharField(blank=True, max_length=255, null=True, verbose_name='Correlation ID'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='content_type',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='content type'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='object_id',
                    field=models.BigIntegerField(blank=True, null=True, verbose_name='object id'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='object_pk',
                    field=models.CharField(max_length=255, verbose_name='object pk'),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_single_column_indexes, create_single_column_indexes),
            ],
        ),
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(fields=['actor', 'timestamp'], name='audit_entry_actor_time'),
        ),
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(fields=['file_label', 'dossier_key', 'timestamp'], name='audit_entry_dossier_time'),
        ),
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(fields=['content_type', 'object_id', 'timestamp'], name='audit_entry_object_time'),
        ),
    ]
