"""Issue 13, "a Celery worker killed in the middle of a retention sweep, then started again"
(O3, B8): the worker process group is killed (SIGKILL: no warm shutdown, no acknowledgement)
while it is inside the destruction of one dossier. No dossier is half destroyed: each is
wholly there (its rows and its audit trail) or wholly gone with one destruction record and one
ledger line. A new worker gets the unacknowledged sweep again (`acks_late`), beat's next run
finds nothing left, and every due dossier is destroyed exactly once."""

import json
from datetime import date, timedelta

import psycopg
import pytest
from dateutil.relativedelta import relativedelta
from django.db.models import Sum

from config.celery import app
from retention import tasks
from retention.models import DestructionRecord, DossierSweepState, StatisticsCount, SweepRun
from security.models import AuditEntry
from subjects.registry import OPENED, DossierRef
from tests.load.conftest import database_url_of_tests
from tests.load.processes import CeleryWorker, project_environment, wait_until
from tests.retention.sweep_fixtures import at
from tests.weegploeg.factories import Weegploeg
from weegploeg.models import Analysis, Assessment, Decision, Signal

DOSSIERS = 5
LOCKED = 2  # the third in the sweep's order (by key): two are destroyed before it


def due_dossier(wp, *, on: date, n: int):
    """A weegploeg dossier decided "not substantial" on `on` (CTER 13.4, B2), so due for
    destruction six months later: as `tests.retention.sweep_fixtures.not_substantial`, with a
    signal observed before that day (the worker sweeps as of the real today)."""
    from tests.weegploeg.factories import PERSON, analyse
    from weegploeg import services
    from weegploeg.constants import Outcome

    with at(on):
        assessment = services.enter_signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=wp.region,
            behaviour="Deelde filmpjes die geweld verheerlijken.",
            observed_on=on - timedelta(days=7),
            reporter_name="Wijkagent de Vries",
            reporter_contact="06-12345678",
            person={**PERSON, "surname": f"Jansen{n}"},
        ).assessment
        analyse(assessment, by=wp.uitvoerder)
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="Onvoldoende substantieel.",
            decided_on=on,
        )
    return DossierRef("weegploeg", assessment.number)


def snapshot(ref) -> dict:
    """What exists of a dossier: its root, its children, its audit trail."""
    assessment = Assessment.objects.filter(number=ref.key).first()
    pk = assessment.pk if assessment else None
    return {
        "assessment": pk,
        "signals": set(Signal.objects.filter(assessment_id=pk).values_list("pk", flat=True)),
        "analyses": set(Analysis.objects.filter(assessment_id=pk).values_list("pk", flat=True)),
        "decisions": set(Decision.objects.filter(assessment_id=pk).values_list("pk", flat=True)),
        "trail": set(AuditEntry.objects.for_dossier(ref).values_list("pk", flat=True)),
    }


def fate(ref, before: dict) -> str:
    """ "whole", "gone", or what is half of it."""
    now = snapshot(ref)
    records = DestructionRecord.objects.filter(dossier_key=ref.key).count()
    if now == before and records == 0:
        return "whole"
    trail = AuditEntry.objects.for_dossier(ref)
    destroyed_entry = trail.count() == 1 and trail.get().additional_data.get("destroyed")
    children = now["signals"] | now["analyses"] | now["decisions"]
    if now["assessment"] is None and not children and destroyed_entry and records == 1:
        return "gone"
    return f"half: {now} records={records}"


def ledger_keys(path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["dossier_key"] for line in path.read_text().splitlines()]


@pytest.mark.django_db(transaction=True)
def test_issue13_o3_a_worker_killed_mid_sweep_leaves_no_dossier_half_destroyed(
    region, private_redis, tmp_path
):
    wp = Weegploeg(region)
    decided = date.today() - relativedelta(months=7)  # "not substantial": due after six
    refs = [due_dossier(wp, on=decided, n=n) for n in range(DOSSIERS)]
    before = {ref: snapshot(ref) for ref in refs}
    assert all(before[ref]["signals"] and before[ref]["trail"] for ref in refs)
    ledger = tmp_path / "destructions.jsonl"
    env = project_environment(
        DATABASE_URL=database_url_of_tests(),
        CELERY_BROKER_URL=private_redis.url(0),
        RETENTION_LEDGER=str(ledger),
    )
    with app.connection_for_write(env["CELERY_BROKER_URL"]) as connection:
        connection.default_channel.queue_purge("celery")

    # Hold the third dossier's row, so the worker stops inside its destruction.
    table = Assessment._meta.db_table
    database = database_url_of_tests()
    with psycopg.connect(database) as blocker, psycopg.connect(database, autocommit=True) as watch:
        blocker.execute(
            f"SELECT 1 FROM {table} WHERE number = %s FOR UPDATE",  # noqa: S608
            [refs[LOCKED].key],
        )
        worker = CeleryWorker(env, log=tmp_path / "worker-1.log").start()
        try:
            with app.connection_for_write(env["CELERY_BROKER_URL"]) as connection:
                tasks.sweep.apply_async(connection=connection)
            waiting = (
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
            )
            name = watch.info.dbname
            wait_until(
                lambda: watch.execute(waiting, [name]).fetchone(),
                seconds=60,
                what="the sweep to reach the held dossier",
            )
            stuck = watch.execute(waiting, [name]).fetchone()[0]
            assert DestructionRecord.objects.count() == LOCKED
            worker.kill()
        finally:
            worker.stop()
        blocker.rollback()
        # The killed worker's transaction is rolled back by PostgreSQL once it notices the
        # client is gone: wait for its backend to end.
        wait_until(
            lambda: (
                not watch.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [stuck]
                ).fetchone()
            ),
            seconds=30,
            what="the killed worker's connection to end",
        )

    fates = {ref.key: fate(ref, before[ref]) for ref in refs}
    assert list(fates.values()) == ["gone"] * LOCKED + ["whole"] * (DOSSIERS - LOCKED), fates
    assert ledger_keys(ledger) == [ref.key for ref in refs[:LOCKED]]
    assert SweepRun.objects.get().finished_at is None  # the killed run

    # Started again: the sweep the dead worker never acknowledged is handed out again.
    worker = CeleryWorker(
        {**env, "DJANGO_SETTINGS_MODULE": "tests.load.quick_redelivery_settings"},
        log=tmp_path / "worker-2.log",
    ).start()
    try:
        wait_until(
            lambda: all(fate(ref, before[ref]) == "gone" for ref in refs),
            seconds=90,
            what="the redelivered sweep to destroy the rest",
        )
        # Beat's next run finds nothing left to do.
        runs = SweepRun.objects.count()
        with app.connection_for_write(env["CELERY_BROKER_URL"]) as connection:
            tasks.sweep.apply_async(connection=connection)
        wait_until(
            lambda: SweepRun.objects.filter(finished_at__isnull=False).count() >= runs,
            seconds=60,
            what="beat's rerun to finish",
        )
    finally:
        worker.stop()

    assert {ref.key: fate(ref, before[ref]) for ref in refs} == {ref.key: "gone" for ref in refs}
    assert DestructionRecord.objects.count() == DOSSIERS  # none twice
    assert sorted(ledger_keys(ledger)) == sorted(ref.key for ref in refs)
    opened = StatisticsCount.objects.filter(figure=OPENED).aggregate(n=Sum("count"))
    assert opened["n"] == DOSSIERS  # each counted once in the kept figures (B7)
    assert not DossierSweepState.objects.exists()


@pytest.mark.django_db
def test_issue13_b8_a_ledger_line_lost_after_the_commit_is_written_by_the_next_sweep(
    region, settings, tmp_path
):
    """The worker may die after a destruction commits and before its line is appended to the
    ledger (outside the database, ADR 0015). The next sweep writes the line first, once."""
    from retention.constants import Rule
    from retention.services.destruction import destroy_dossier
    from tests.retention.sweep_fixtures import sweep

    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"
    wp = Weegploeg(region)
    ref = due_dossier(wp, on=date(2026, 11, 10), n=0)
    with at(date(2027, 6, 1)):
        # In a test's transaction the append after the commit never runs: the line is lost.
        record = destroy_dossier(ref, rule=Rule.NOT_AGENDERED, due_on=date(2027, 5, 10))
    assert ledger_keys(settings.RETENTION_LEDGER) == []
    sweep(date(2027, 6, 2))
    assert ledger_keys(settings.RETENTION_LEDGER) == [ref.key]
    line = json.loads(settings.RETENTION_LEDGER.read_text())
    assert line["destroyed_at"] == record.destroyed_at.isoformat()
    sweep(date(2027, 6, 3))
    assert ledger_keys(settings.RETENTION_LEDGER) == [ref.key]  # once
