"""Issue 13, "Redis down for a minute": with the broker and the cache (both Redis in production)
gone, the pages keep working, reads and writes, within their usual time (no request waits on
Redis: none publishes a job, and a publish would fail within seconds); the worker waits for
Redis and carries on; and the deadline jobs catch up when it is back, because each decides
from the database what is due (ARCHITECTURE, "Time, jobs and deadlines"). In `make test` the
outage lasts the seconds the test takes; `python -m bench.redis_outage` runs the same test with
REDIS_OUTAGE_SECONDS=60, reading a page every second through the whole minute, and prints the
page times it wrote to REDIS_OUTAGE_REPORT."""

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from config.celery import app
from security.models.incidents import ClockNotice, ClockStage, Incident
from security.tasks import run_breach_clock
from tests.celery_worker import wait_for
from tests.conftest import verified_client
from tests.load.conftest import Browser, database_url_of_tests
from tests.load.forms import form_fields
from tests.load.processes import CeleryWorker, Gunicorn, project_environment
from tests.weegploeg.factories import Weegploeg, signal

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = "/toezicht/incidenten/melden/"
# The bench's minute (bench/redis_outage.py); nought in `make test`.
OUTAGE_SECONDS = float(os.environ.get("REDIS_OUTAGE_SECONDS", "0"))


def _read_through_the_outage(browser, paths, *, since: float) -> list[float]:
    """Read a page a second until the outage has lasted OUTAGE_SECONDS; their times."""
    times = []
    while time.monotonic() - since < OUTAGE_SECONDS:
        path = paths[len(times) % len(paths)]
        started = time.monotonic()
        answer = browser.get(path)
        times.append(time.monotonic() - started)
        assert answer.status in (200, 302), (path, answer.status)
        time.sleep(max(0.0, 1 - times[-1]))
    return times


def test_issue13_the_broker_fails_fast_rather_than_hold_a_request_or_beat():
    """A publish with the broker gone gives up within seconds (a refused or dead connection):
    it must never hold a request or beat for minutes."""
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["socket_connect_timeout"] <= 5 and options["socket_timeout"] <= 10
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 5
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 3
    assert settings.CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP  # worker and beat wait for it
    # The breach clock runs often enough to catch up within a quarter of an hour.
    assert settings.CELERY_BEAT_SCHEDULE["security-breach-clock"]["task"] == run_breach_clock.name


def test_issue13_redis_down_pages_keep_working_and_the_deadline_jobs_catch_up(
    private_redis, region, tmp_path
):
    wp = Weegploeg(region)
    number = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment.number
    session = verified_client(wp.uitvoerder).cookies[settings.SESSION_COOKIE_NAME].value
    broker = private_redis.url(0)
    env = project_environment(
        DATABASE_URL=database_url_of_tests(),
        CELERY_BROKER_URL=broker,
        CACHE_URL=private_redis.url(1),
        RETENTION_LEDGER=str(tmp_path / "ledger.jsonl"),
    )
    server = Gunicorn(env, workers=1, log=tmp_path / "gunicorn.log").start()
    worker = CeleryWorker(env, log=tmp_path / "worker.log").start()
    paths = ("/", "/weegploeg/", f"/weegploeg/dossiers/{number}/", "/toezicht/incidenten/")
    try:
        private_redis.stop()
        down_since = time.monotonic()
        browser = Browser(server.url, session)
        for path in paths:
            answer = browser.get(path)
            assert answer.status in (200, 302), (path, answer.status)
        # A write while Redis is down: an incident discovered 30 hours ago, so the warning
        # that 48 hours are left is due at once (S3), and no job can be queued for it.
        fields = form_fields(browser.get(REPORT).body, action=REPORT)
        discovered = timezone.localtime() - timedelta(hours=30)
        fields.update(
            what_happened="Een map met stukken bleef achter in de trein.",
            discovered_at_date=discovered.date().isoformat(),
            discovered_at_time=discovered.strftime("%H:%M"),
        )
        assert browser.post(REPORT, fields).status == 302
        incident = Incident.objects.get()
        assert not ClockNotice.objects.filter(incident=incident).exists()
        with pytest.raises(OperationalError), app.connection_for_write(broker) as connection:
            run_breach_clock.apply_async(connection=connection)
        # The worker keeps trying to reach Redis rather than stop.
        wait_for(lambda: worker.log.read_text().count("Trying again in") >= 2, seconds=30)
        assert worker.process.poll() is None
        times = _read_through_the_outage(browser, paths, since=down_since)
        outage = time.monotonic() - down_since
        assert worker.process.poll() is None

        private_redis.start()
        # Beat's next run of the clock (every quarter of an hour) reaches the worker that
        # waited through the outage, and the warning missed meanwhile goes out.
        with app.connection_for_write(broker) as connection:
            run_breach_clock.apply_async(connection=connection)
        wait_for(lambda: ClockNotice.objects.filter(incident=incident).exists(), seconds=60)
        notice = ClockNotice.objects.get(incident=incident)
        assert notice.stage == ClockStage.LEFT_48
        assert worker.process.poll() is None  # the same worker, never restarted
        if os.environ.get("REDIS_OUTAGE_REPORT"):
            Path(os.environ["REDIS_OUTAGE_REPORT"]).write_text(
                json.dumps({"outage_seconds": outage, "page_seconds": times})
            )
    finally:
        worker.stop()
        server.stop()
