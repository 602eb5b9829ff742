"""What a post_migrate receiver needs to fill a table of derived rows once, when the table is
first made (retention's stored due dates, ADR 0021; the published index of "bekend elders?",
ADR 0025)."""


def first_made(plan, *, app_label: str, model_name: str, using: str = "default") -> bool:
    """Whether this migration run created `app_label.model_name` (forwards) and left the whole
    schema up to date, so the rows can be filled now. Migrated partway: False, and the app's
    command fills them after the rest."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations import CreateModel

    made = any(
        not backwards
        and migration.app_label == app_label
        and any(
            isinstance(op, CreateModel) and op.name == model_name for op in migration.operations
        )
        for migration, backwards in plan or ()
    )
    if not made:
        return False
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def database_setting(name: str, value: str, *, why: str):
    """A migration operation that sets `name = value` on the application's database itself
    (`ALTER DATABASE <current> SET`), so that every new connection starts with it, through a
    connection pooler and on a replica too, and resets it when reversed. Only the owner of the
    database may: for another role the migration warns (naming `why`, the decision record) and
    goes on, and the README tells the operator what to set on the server. Nothing on SQLite."""
    import re

    from django.db import migrations

    plain = (
        re.fullmatch(r"[a-z_]+", name)
        and re.fullmatch(r"[a-z0-9_]+", value)
        and re.fullmatch(r"[A-Za-z0-9 ]+", why)
    )
    if not plain:  # they are written into the SQL as they are
        raise ValueError("a setting's name, value and reason are plain words")
    # No parameters: the % of these statements are format()'s.
    set_it = f"""
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET {name} = {value}', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING '{name} is not set to {value}: only the owner of the database can ({why})';
END
$$;
"""
    reset_it = f"""
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET {name}', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;
"""

    def run(sql):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql, None)

        return operation

    return migrations.RunPython(run(set_it), run(reset_it), elidable=False)
