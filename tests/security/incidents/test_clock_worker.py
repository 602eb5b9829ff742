"""S3, O3: the 72-hour clock on a real Celery worker, the beat task as production runs it,
with the clock moved by time-machine: 47 hours after discovery a warning has gone out, 73 hours
after it an alarm; with beat down in between (no run from hour 1 to hour 73) the alarm comes on
the first run after; running twice sends nothing twice."""

from datetime import datetime, timedelta

import pytest
from celery.signals import task_postrun

from security import tasks
from security.models import ClockNotice
from security.models.incidents import ClockStage
from tests.celery_worker import wait_for
from tests.security.incidents.fixtures import TZ, at

pytestmark = pytest.mark.django_db(transaction=True)

DISCOVERED = datetime(2027, 3, 1, 9, 0, tzinfo=TZ)


def sent(incident) -> dict:
    return dict(
        ClockNotice.objects.filter(incident=incident, skipped=False).values_list("stage", "mails")
    )


@pytest.fixture
def incident(world):
    with at(DISCOVERED + timedelta(minutes=30)):
        return world.report(discovered_at=DISCOVERED)


@pytest.fixture
def finished():
    """The ids of the tasks the worker has finished (no result backend is configured)."""
    done = []

    def record(task_id=None, **kwargs):
        done.append(task_id)

    task_postrun.connect(record, weak=False)
    yield done
    task_postrun.disconnect(record)


def run(*hours: float, finished) -> None:
    """Beat runs at `hours` after discovery (several at once when they are equal), each
    waited for until the worker has finished it."""
    for hour in sorted(set(hours)):
        with at(DISCOVERED + timedelta(hours=hour)):
            ids = [tasks.run_breach_clock.delay().id for _ in range(hours.count(hour))]
            wait_for(lambda ids=ids: all(task_id in finished for task_id in ids))


def test_s3_a_warning_at_47_hours_and_the_alarm_at_73_on_a_worker(
    worker, finished, incident, mailoutbox
):
    mailoutbox.clear()
    run(47, finished=finished)
    assert sent(incident) == {ClockStage.LEFT_48: 2}  # to the FG and the uitvoerder
    run(73, finished=finished)
    assert ClockStage.ALARM in sent(incident)
    assert any("ALARM" in mail.subject for mail in mailoutbox)


def test_s3_beat_down_from_hour_1_to_73_the_first_run_after_alarms(
    worker, finished, incident, mailoutbox
):
    mailoutbox.clear()
    run(1, finished=finished)
    assert not ClockNotice.objects.exists()
    run(73, finished=finished)
    assert sent(incident) == {ClockStage.ALARM: 2}
    assert ClockNotice.objects.filter(incident=incident, skipped=True).count() == 3
    # Twice in a row, and twice at once: nothing is sent twice.
    run(73.25, 73.25, finished=finished)
    run(73.5, finished=finished)
    assert sent(incident) == {ClockStage.ALARM: 2}
    assert len(mailoutbox) == 1
