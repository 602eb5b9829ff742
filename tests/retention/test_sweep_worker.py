"""The sweep as it runs in production (O3): the hourly beat task on a real Celery worker with
the clock moved by time-machine, and two sweeps at once that each take a dossier only once."""

import threading
import time
from datetime import date

import pytest
from django.db import connection

from retention import tasks
from retention.constants import Rule, Trigger
from retention.models import DossierSweepState, SweepRun
from retention.services.sweep import run_sweep
from tests.celery_worker import wait_for
from tests.retention.sweep_fixtures import at, fate, not_substantial, records
from tests.weegploeg.factories import Weegploeg
from weegploeg.services import retention as weegploeg_retention

pytestmark = pytest.mark.django_db(transaction=True)


def finished():
    return SweepRun.objects.filter(finished_at__isnull=False).count()


def test_b2_o3_the_beat_task_on_a_worker_destroys_the_not_substantial_dossier_on_its_day(
    worker, region
):
    """CTER 13.4: six months after the decision; the day before it is kept."""
    ref = not_substantial(Weegploeg(region), on=date(2027, 1, 4))
    with at(date(2027, 7, 3)):
        tasks.sweep.delay()
        wait_for(lambda: finished() == 1)
    assert fate(ref) == "kept"
    with at(date(2027, 7, 4)):
        tasks.sweep.delay()
        wait_for(lambda: finished() == 2)
    assert fate(ref) == "destroyed"
    run = SweepRun.objects.get(as_of=date(2027, 7, 4))
    assert (run.trigger, run.destroyed, run.failed) == (Trigger.BEAT, 1, 0)
    record = records(ref).get()
    assert (record.rule, record.run, record.destroyed_by) == (Rule.NOT_AGENDERED, run, None)


def test_o3_two_sweeps_at_once_handle_each_dossier_once(region, monkeypatch):
    """Two workers (threads with their own connections) sweep the same day at the same time:
    each dossier is destroyed once, by one of them, with one destruction record."""
    wp = Weegploeg(region)
    refs = [not_substantial(wp, on=date(2027, 1, 4)) for _ in range(4)]
    real = weegploeg_retention.forget_dossiers

    def slow_forget(refs):
        time.sleep(0.3)  # long enough for the other worker to reach the same dossier
        return real(refs)

    monkeypatch.setattr(weegploeg_retention, "forget_dossiers", slow_forget)
    start = threading.Barrier(2)
    runs, errors = [], []

    def worker():
        try:
            start.wait()
            runs.append(run_sweep(as_of=date(2027, 7, 4), trigger=Trigger.BEAT))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(runs) == 2
    assert sum(run.destroyed for run in runs) == len(refs)
    assert sum(run.failed for run in runs) == 0
    for ref in refs:
        assert fate(ref) == "destroyed"
        assert records(ref).count() == 1
    assert not DossierSweepState.objects.exists()
