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
