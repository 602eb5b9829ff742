"""The seed from start to end, in one transaction: a failure leaves the database as it was.

Refuses a database that already holds parties or dossiers: the seed's names (Veiligheidshuizen,
parties, users) are unique, and adding a country to a country measures nothing. Audit logging is
off while the seed runs the project's own services (files, declarations, syncs): the seed writes
the audit trail itself, as it would have been written over three years."""

import random
import time
from dataclasses import dataclass
from datetime import timedelta

from auditlog.context import disable_auditlog
from django.db import connection, transaction
from django.utils import timezone

from cases import counts as case_counts
from cases import sight as case_sight
from cases.models import Case, Measure
from config.audit import acting_as
from insights import summary as insights_summary
from parties.models import Party, User, Veiligheidshuis
from retention import due_index
from scale import audit as audit_module
from scale import cases, duties, permissions, plans, structure, users, weegploeg
from scale.bulk import Progress
from scale.plan import Plan, make_plan
from security.models import AuditEntry
from security.services import unusual_reads
from weegploeg import counts as assessment_counts
from weegploeg import sight as weegploeg_sight
from weegploeg.models import Assessment, Signal

MAINTENANCE_WORK_MEM = "512MB"
# The days of seeded reads whose unusual reads (S2) the seed works out: at national scale the
# last two days hold about 230,000 reads, which the job works out in a few minutes (the last 14
# days, 1.2 million reads, took 19 minutes on the loaded two-core machine).
UNUSUAL_READS_DAYS = 2


class NotEmpty(Exception):
    """The database holds data already."""


@dataclass
class Result:
    plan: Plan
    rows: int
    seconds: float
    syncs: dict
    audit_entries: int
    phases: list
    counts: dict  # what the database holds after the seed, counted there


def counted() -> dict:
    """The rows of the summary, counted in the database."""
    return {
        name: model._base_manager.count()
        for name, model in (
            ("Veiligheidshuizen", Veiligheidshuis),
            ("users", User),
            ("assessments", Assessment),
            ("signals", Signal),
            ("cases", Case),
            ("measures", Measure),
            ("audit entries", AuditEntry),
        )
    }


def refusal() -> str | None:
    """Why the seed will not run on this database, or None."""
    found = {
        "Veiligheidshuizen": Veiligheidshuis.objects.count(),
        "parties": Party.objects.count(),
        "assessments": Assessment.objects.count(),
        "cases": Case.objects.count(),
    }
    held = {name: count for name, count in found.items() if count}
    if not held:
        return None
    what = ", ".join(f"{count} {name}" for name, count in held.items())
    return (
        f"This database already holds data ({what}). seed_scale fills an empty, migrated "
        "database only: create one (createdb), run `manage.py migrate` on it and point "
        "DATABASE_URL at it."
    )


def seed(
    scale: float,
    *,
    access_entries: int = 0,
    seed_number: int = 13,
    sample: int = 50,
    bar=None,
    keep_audit_indexes: bool = False,
) -> Result:
    if connection.vendor != "postgresql":
        raise NotEmpty("seed_scale writes with PostgreSQL's COPY: set DATABASE_URL to PostgreSQL.")
    reason = refusal()
    if reason:
        raise NotEmpty(reason)
    started = time.monotonic()
    plan = make_plan(scale, now=timezone.now(), access_entries=access_entries)
    rng = random.Random(seed_number)
    progress = Progress(bar)
    if bar is not None:
        bar.reset(total=plan.rows())
    syncs = {}
    with transaction.atomic(), disable_auditlog(), acting_as(None, system_name="seed_scale"):
        with connection.cursor() as cursor:
            # Foreign keys checked row by row as the rows stream in, not queued for the commit
            # (millions of pending checks, and no index can be built while they wait).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # For this transaction only: its one commit need not wait for the disk (the rows
            # are written to the WAL all the same; a crash loses the seed, never part of it),
            # and the indexes built after the bulk load sort in memory.
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        progress.note("parties")
        built = structure.build(plan, progress)
        people = users.build(built, plan, rng, progress)
        structure.record_declarations(built, people.beheerder)
        progress.note("groups")
        syncs["users"] = users.sync_groups(people)
        log = audit_module.AuditLog(party_of=people.party_of, rng=rng, now=plan.now)
        assessment_specs, handoffs = weegploeg.build(plan, built, people, log, rng, progress)
        case_specs = cases.build(plan, built, people, handoffs, log, rng, progress)
        del handoffs
        plans.build(plan, built, people, case_specs, log, rng, progress)
        duties.build(plan, assessment_specs, case_specs, people, rng, progress)
        del assessment_specs, case_specs
        # The counts the lists read from the parent rows (issue 13): the services keep them,
        # the bulk load passes the services by.
        progress.note("counts")
        assessment_counts.recount_all()
        case_counts.recount_all()
        # The stored due dates the retention preview and sweep read (ADR 0021): kept by the
        # models' signals, which COPY passes by.
        progress.note("due dates")
        due_index.rebuild()
        progress.note("permissions")
        syncs["assessments"] = permissions.assessments()
        syncs["cases"] = permissions.cases()
        # Which groups see each meeting (ADR 0039), from the rows just copied.
        weegploeg_sight.refresh_all()
        case_sight.refresh_all()
        reads = max(0, plan.audit_entries - log.counted) + plan.access_entries
        progress.note("audit entries")
        log.add_reads(reads)
        written = log.write(progress, keep_indexes=keep_audit_indexes)
        progress.note("sample check")
        permissions.check_sample(sample, rng)
    progress.note("analyse")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The summary management information reads (ADR 0028), so its page shows figures at once.
    progress.note("management information")
    insights_summary.recompute()
    # The unusual reads (ADR 0027) of the last days only: years of seeded reads would take the
    # job hours to work out (about 1,100 reads a second).
    progress.note("unusual reads")
    unusual_reads.start_from(plan.now - timedelta(days=UNUSUAL_READS_DAYS))
    unusual_reads.work_out()
    progress.note("count")
    counts = counted()
    progress.note("done")
    return Result(
        plan=plan,
        rows=progress.rows,
        seconds=time.monotonic() - started,
        syncs=syncs,
        audit_entries=written,
        phases=progress.phases,
        counts=counts,
    )
