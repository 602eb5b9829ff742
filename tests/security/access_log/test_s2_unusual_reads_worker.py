"""S2, issue 13 (docs/adr/0027): on a real Celery worker, as beat runs them every minute, the
chain seals the entries and the unusual reads are worked out from them; the dashboard of the
FG then counts them."""

import pytest
from celery.signals import task_postrun

from security import access_log_tasks, chain_tasks
from security.anomalies import Reason
from security.models import AuditEntry, UnusualRead
from security.selectors import access_log
from tests.celery_worker import wait_for
from tests.security.access_log.world import at, on, read

pytestmark = pytest.mark.django_db(transaction=True)

finished: list[str] = []


def _count(sender=None, **kwargs):
    if getattr(sender, "name", "") == access_log_tasks.work_out_unusual_reads.name:
        finished.append(kwargs.get("task_id"))


def test_s2_the_worker_works_out_the_unusual_reads_of_the_sealed_entries(worker, world, settings):
    settings.ANOMALY_NIGHT_START, settings.ANOMALY_NIGHT_END = 22, 6
    night = read(world.agent, world.case(), at(2031, 4, 1, 23))
    day = read(world.agent, world.case(), at(2031, 4, 1, 11))
    task_postrun.connect(_count, weak=False)
    try:
        chain_tasks.seal_audit_chain.delay()
        wait_for(lambda: not AuditEntry.objects.filter(sequence__isnull=True).exists())
        access_log_tasks.work_out_unusual_reads.delay()
        wait_for(lambda: len(finished) >= 1)
    finally:
        task_postrun.disconnect(_count)
    assert list(UnusualRead.objects.values_list("pk", flat=True)) == [night.pk]
    with on(at(2031, 4, 2)):
        assert access_log.anomalies_of([night, day]) == {night.pk: [Reason.NIGHT]}
        assert access_log.recent_anomaly_count(world.fg, days=7) == 1
