"""R3 with a real Celery worker on the Redis broker: the daily job warns a week before the
deadline, alarms after it, and follows an extension; the clock is moved with time-machine."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from rights.models import SubjectRequest
from rights.services import extension
from rights.tasks import remind_request_deadlines
from tests.celery_worker import wait_for
from tests.rights.factories import Handlers, make_request

pytestmark = pytest.mark.django_db(transaction=True)

TZ = ZoneInfo("Europe/Amsterdam")


def at(day: date):
    # The worker runs in a thread of this process: the travelled clock is its clock too.
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=TZ), tick=False)


def state(number):
    return SubjectRequest.objects.values("warned_at", "alarmed_at").get(number=number)


def test_r3_the_worker_warns_alarms_and_follows_the_extension(worker, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    h = Handlers()
    with at(date(2027, 3, 1)):
        late = make_request(by=h.uitvoerder, region=h.region, identified=True)
        extended = make_request(by=h.uitvoerder, region=h.region, identified=True)
    with at(date(2027, 3, 25)):
        remind_request_deadlines.delay()
        wait_for(lambda: state(late.number)["warned_at"] and state(extended.number)["warned_at"])
        extension.extend_term(extended, by=h.uitvoerder, reasons="Veel werk.")
    with at(date(2027, 4, 2)):
        remind_request_deadlines.delay()
        wait_for(lambda: state(late.number)["alarmed_at"])
        # The run chose its requests at once: the extended one was not among them.
        assert state(extended.number)["alarmed_at"] is None
    with at(date(2027, 5, 25)):
        remind_request_deadlines.delay()
        wait_for(lambda: state(extended.number)["warned_at"])
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 4
    assert sum(late.number in s for s in subjects) == 2
    assert any(extended.number in s and "01-06-2027" in s for s in subjects)
