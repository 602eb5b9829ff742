"""Figure (d) of issue 13: the retention sweep of N due dossiers, with audit purge and
destruction records, against a plain SQL delete of the same rows, as a ratio and a time.

The seed leaves nothing due on its day (as after hourly sweeps), so the script makes N
"not substantial" weegploeg dossiers due the way time would (their decision seven months back:
CTER 13.4, B2), then, each in a savepoint that is rolled back afterwards:

- runs the retention app's real sweep (`retention.services.sweep.run_sweep`, as of the seed's
  day): a batch of dossiers per transaction (`retention.services.batch`), their figures
  counted, their rows, duties and audit trails deleted (with the chain's purged links) and
  their destruction records written;
- deletes the same dossiers with plain SQL: the rows of every table that hangs on them (found
  from the models' relations), their permissions, their duties to inform and their audit
  entries (by the dossier columns), no records.

N is the share of 100,000 that the data's size gives (10,000 at 1/10), at most
BENCH_SWEEP_MAX (default 1,000: before ADR 0029 the sweep took a tenth of a second or more a
dossier, so 100,000 took hours); BENCH_SWEEP_DOSSIERS sets N outright. The time for 100,000 is
projected from a sweep with nothing made due (finding what is due from the stored due dates,
and what falls due today anyway: the fixed part) and the time per dossier destroyed; the
script says which figures are measured and which projected.
The data are left as they were; the destruction ledger of this run goes to a temporary file.

Target: <= 2 minutes for 100,000, and <= 3 times the plain delete.

    python -m bench.retention_sweep"""

import os
import tempfile
import time

from bench import harness

TARGET_RATIO, TARGET_SECONDS, NATIONAL_DOSSIERS = 3.0, 120.0, 100_000


def _count() -> int:
    from weegploeg.models import Assessment

    wanted = os.environ.get("BENCH_SWEEP_DOSSIERS")
    if wanted:
        return int(wanted)
    share = Assessment.objects.count() / 250_000
    most = int(os.environ.get("BENCH_SWEEP_MAX", 1000))
    return max(10, min(most, round(NATIONAL_DOSSIERS * share)))


def _candidates(count: int) -> list[int]:
    from weegploeg.constants import Outcome
    from weegploeg.models import Assessment, Decision

    decided = Decision.objects.filter(outcome=Outcome.NOT_SUBSTANTIAL).values("assessment")
    rows = Assessment.objects.filter(pk__in=decided, status="decided", archived_at__isnull=True)
    return list(rows.order_by("pk").values_list("pk", flat=True)[:count])


def _make_due(pks: list[int], as_of) -> None:
    from dateutil.relativedelta import relativedelta

    from weegploeg.models import Decision

    Decision.objects.filter(assessment__in=pks).update(decided_on=as_of - relativedelta(months=7))
    # An update passes the models' signals by, as the seed's COPY does: the stored due dates of
    # these dossiers worked out again, as a service's write would have them (ADR 0021).
    from retention import due_index
    from subjects.registry import DossierRef
    from weegploeg.models import Assessment
    from weegploeg.services import FILE_LABEL

    numbers = Assessment.objects.filter(pk__in=pks).values_list("number", flat=True)
    due_index.refresh([DossierRef(FILE_LABEL, number) for number in numbers])


# The statements of the plain delete; the names in them are the models' tables and columns.
DELETE = "DELETE FROM {table} WHERE {where}"
IN = "{column} IN (SELECT id FROM {table} WHERE {where})"
NULL = "UPDATE {table} SET {column} = NULL WHERE {where}"
DUE = "CREATE TEMPORARY TABLE bench_due AS SELECT id, number FROM {table} WHERE id = ANY(%s)"


def _deletes(model, where: str) -> list[str]:
    """DELETE statements, children first, for the rows of `model` matching `where` (SQL over
    the table's own columns) and every row that cascades from them, many-to-many rows too."""
    from django.db import connection
    from django.db.models import CASCADE, SET_NULL

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    found = []
    relations = [
        field
        for field in model._meta.get_fields(include_hidden=True)  # related_name="+" too
        if field.auto_created and not field.concrete and field.is_relation
    ]
    for relation in relations:
        child = relation.related_model
        column = quote(relation.field.column)
        inner = IN.format(column=column, table=table, where=where)
        if relation.many_to_many:
            through = relation.through if hasattr(relation, "through") else None
            through = through or relation.field.remote_field.through
            name = relation.field.m2m_reverse_field_name()
            target = quote(through._meta.get_field(name).column)
            rows = IN.format(column=target, table=table, where=where)
            found.append(DELETE.format(table=quote(through._meta.db_table), where=rows))
        elif relation.on_delete is CASCADE:
            found += _deletes(child, inner)
        elif relation.on_delete is SET_NULL:
            found.append(NULL.format(table=quote(child._meta.db_table), column=column, where=inner))
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        column = quote(through._meta.get_field(field.m2m_field_name()).column)
        rows = IN.format(column=column, table=table, where=where)
        found.append(DELETE.format(table=quote(through._meta.db_table), where=rows))
    found.append(DELETE.format(table=table, where=where))
    return list(dict.fromkeys(found))  # a many-to-many is reached from both its sides


def plain_delete(pks: list[int]) -> None:
    from django.db import connection

    from rights.models import DutyToInform
    from security.models import AuditEntry
    from weegploeg.models import Assessment

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        due = DUE.format(table=quote(Assessment._meta.db_table))
        cursor.execute(due, [pks])
        by_number = "file_label = 'weegploeg' AND dossier_key IN (SELECT number FROM bench_due)"
        for model in (AuditEntry, DutyToInform):
            cursor.execute(DELETE.format(table=quote(model._meta.db_table), where=by_number))
        for statement in _deletes(Assessment, "id IN (SELECT id FROM bench_due)"):
            cursor.execute(statement)
        cursor.execute("DROP TABLE bench_due")


def main() -> int:
    harness.setup()
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone

    from retention.constants import Trigger
    from retention.services.sweep import run_sweep

    harness.heading("(d) retention sweep / plain SQL delete of the same dossiers")
    as_of = timezone.localdate()
    pks = _candidates(_count())
    if not pks:
        print("no decided weegploeg dossiers to make due")
        return 0
    ledger = os.path.join(tempfile.mkdtemp(prefix="bench_"), "ledger.jsonl")

    def rolled_back(work) -> float:
        with transaction.atomic():
            started = time.perf_counter()
            work()
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        return seconds

    runs = []
    with override_settings(RETENTION_LEDGER=ledger), transaction.atomic():
        fixed = rolled_back(lambda: runs.append(run_sweep(as_of=as_of, trigger=Trigger.COMMAND)))
        idle = runs.pop()
        _make_due(pks, as_of)
        sweep = rolled_back(lambda: runs.append(run_sweep(as_of=as_of, trigger=Trigger.COMMAND)))
        plain = rolled_back(lambda: plain_delete(pks))
        transaction.set_rollback(True)
    run = runs.pop()
    destroyed = run.destroyed - idle.destroyed
    if destroyed < len(pks):
        print(f"FAIL: the sweep destroyed {destroyed} of the {len(pks)} dossiers made due")
        return 1
    value = harness.ratio(sweep, plain)
    per = (sweep - fixed) / max(destroyed, 1)
    projected = fixed + per * NATIONAL_DOSSIERS
    print(
        f"due dossiers {len(pks)} (as of {as_of}); the sweep destroyed {run.destroyed}, "
        f"archived {run.archived}, failed {run.failed} (with nothing made due: destroyed "
        f"{idle.destroyed}, archived {idle.archived})"
    )
    print(
        f"measured: sweep {sweep:.1f} s, of which {fixed:.1f} s with nothing made due "
        f"and {per * 1000:.1f} ms a dossier destroyed; plain SQL delete {plain:.2f} s"
    )
    print(
        f"measured ratio {value:.1f} (target <= {TARGET_RATIO:.0f}: "
        f"{harness.verdict(value, TARGET_RATIO)})"
    )
    label = "measured" if len(pks) >= NATIONAL_DOSSIERS else "projected"
    print(
        f"{label}: 100,000 dossiers {projected:.0f} s (target <= {TARGET_SECONDS:.0f}: "
        f"{harness.verdict(projected, TARGET_SECONDS)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
