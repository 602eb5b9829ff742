"""S2, O3: beat reminds the overseers when a review period has ended and is not signed off,
on a real Celery worker with the clock moved: once, again a week later at the earliest, and
no more once it is signed off."""

import pytest
import time_machine
from celery.signals import task_postrun
from django.core import mail

from security import access_log_tasks
from security.models import AccessReview
from security.services.access_review import sign_off
from tests.celery_worker import wait_for
from tests.security.access_log.world import at, on

pytestmark = pytest.mark.django_db(transaction=True)

finished: list[str] = []


def _count(sender=None, **kwargs):
    if getattr(sender, "name", "") == access_log_tasks.remind_access_reviews.name:
        finished.append(kwargs.get("task_id"))


def run_on_worker(moment):
    """One run of the beat task on the worker, as of `moment`; returns when it has finished."""
    before = len(finished)
    with time_machine.travel(moment):  # a ticking clock: the worker sees its own timeouts
        access_log_tasks.remind_access_reviews.delay()
        wait_for(lambda: len(finished) > before)


def reminders_to(user, period="01-01-2031") -> int:
    """The reminders `user` had of the review period starting on `period`."""
    return len([m for m in mail.outbox if user.email in m.to and period in m.subject])


def test_s2_the_reminder_is_sent_once_a_week_until_signed_off(worker, world):
    task_postrun.connect(_count, weak=False)
    try:
        mail.outbox = []
        run_on_worker(at(2031, 3, 31, 7))  # the first quarter of 2031 has not ended
        assert reminders_to(world.fg) == 0
        assert reminders_to(world.fg, "01-10-2030") == 1  # the last quarter of 2030 is due
        run_on_worker(at(2031, 4, 1, 7))
        assert reminders_to(world.fg) == 1
        message = [m for m in mail.outbox if world.fg.email in m.to][-1]
        assert world.uitvoerder.email in message.to
        assert "01-01-2031" in message.subject
        # the next days' runs send nothing
        run_on_worker(at(2031, 4, 2, 7))
        run_on_worker(at(2031, 4, 7, 7))
        assert reminders_to(world.fg) == 1
        # a week later: one more
        run_on_worker(at(2031, 4, 8, 7))
        assert reminders_to(world.fg) == 2
        # signed off: no more
        with on(at(2031, 4, 9, 9)):
            for review in AccessReview.objects.filter(veiligheidshuis=world.region):
                sign_off(world.region, review.period_start, by=world.fg, findings="Nagegaan.")
        run_on_worker(at(2031, 4, 20, 7))
        assert reminders_to(world.fg) == 2
        review = AccessReview.objects.get(veiligheidshuis=world.region, period_start__year=2031)
        assert review.reminders == 2
    finally:
        task_postrun.disconnect(_count)
