"""I2: the beat reminds the handlers of a postponed duty `DUTY_REMINDER_DAYS` before its date to
look again, once, by e-mail without personal data; the job runs in a real Celery worker, and
running it again changes nothing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils.module_loading import import_string

from rights.models import Postponement
from rights.services import duties as services
from rights.services.duty_reminders import send_postponement_reminders
from rights.tasks.duties import remind_postponements
from tests.celery_worker import wait_for
from tests.clock import NOW
from tests.rights.duty_fixtures import DutyWorld
from tests.rights.grounds import ground
from tests.weegploeg.factories import PERSON

REVIEW = date(2026, 12, 20)


def postponed(world):
    with time_machine.travel(NOW, tick=False):
        return services.postpone(
            world.duty,
            ground=ground("strafbare-feiten"),
            reasons=f"Onderzoek naar {PERSON['surname']} loopt.",
            review_on=REVIEW,
            by=world.agent,
        )


def at(day: date):
    return time_machine.travel(f"{day.isoformat()} 06:35 +01:00", tick=False)


@pytest.mark.django_db
def test_i2_the_handlers_are_reminded_n_days_before_once_without_personal_data(region):
    world = DutyWorld(region)
    postponement = postponed(world)
    mail.outbox.clear()
    with at(REVIEW - timedelta(days=8)):
        assert send_postponement_reminders() == 0
    assert mail.outbox == []
    with at(REVIEW - timedelta(days=settings.DUTY_REMINDER_DAYS)):
        assert send_postponement_reminders() == 1
        assert send_postponement_reminders() == 0  # idempotent
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {world.agent.email, world.keeper.email}
    text = message.subject + message.body
    assert str(world.duty.pk) in text and "20-12-2026" in text
    assert f"/rechten/informatieplichten/{world.duty.pk}/" in message.body
    for personal in (PERSON["surname"], PERSON["given_names"], world.decided.number):
        assert personal not in text
    postponement.refresh_from_db()
    assert postponement.reminded_at is not None


@pytest.mark.django_db
def test_i2_the_number_of_days_is_a_setting(region, settings):
    settings.DUTY_REMINDER_DAYS = 3
    world = DutyWorld(region)
    postponed(world)
    with at(REVIEW - timedelta(days=4)):
        assert send_postponement_reminders() == 0
    with at(REVIEW - timedelta(days=3)):
        assert send_postponement_reminders() == 1


@pytest.mark.django_db
def test_i2_a_renewal_is_reminded_again_and_an_ended_one_never(region):
    world = DutyWorld(region)
    postponed(world)
    with at(REVIEW - timedelta(days=7)):
        assert send_postponement_reminders() == 1
        services.postpone(
            world.duty,
            ground=ground("strafbare-feiten"),
            reasons="Verlengd.",
            review_on=REVIEW - timedelta(days=2),
            by=world.agent,
        )
        assert send_postponement_reminders() == 1
        services.lift_postponement(world.duty, lapsed_on=REVIEW - timedelta(days=7), by=world.agent)
    with at(REVIEW + timedelta(days=30)):
        assert send_postponement_reminders() == 0


@pytest.mark.django_db
def test_i2_the_beat_schedules_the_reminder_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["rights-remind-postponements"]
    assert import_string(entry["task"]) is remind_postponements


@pytest.mark.django_db(transaction=True)
def test_i2_the_worker_reminds_after_a_missed_day_and_a_second_run_changes_nothing(region, worker):
    world = DutyWorld(region)
    postponement = postponed(world)
    mail.outbox.clear()
    # The beat was down on the day itself: the next run, after the date, still reminds.
    with time_machine.travel(f"{REVIEW + timedelta(days=1)} 06:35 +01:00", tick=True):
        remind_postponements.delay()
        wait_for(lambda: Postponement.objects.get(pk=postponement.pk).reminded_at is not None)
        assert len(mail.outbox) == 1
        assert remind_postponements() == 0  # a second run changes nothing
    assert len(mail.outbox) == 1
    world.duty.refresh_from_db()
    assert services.is_overdue(world.duty, today=REVIEW + timedelta(days=1))
