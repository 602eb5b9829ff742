"""P4 and S5 on a real Celery worker (O3), the clock moved with time-machine: beat creates the
quarter's reviews, alarms the overdue ones, reminds of the policy evaluation a month before and
after its date, and suspends dormant accounts; each once, a second run sends nothing again.
The worker runs tasks one at a time in order, so a later task's effect shows an earlier run
has finished."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from parties.constants import Function
from parties.models import Party, User
from security import review_tasks
from security.models import (
    AccountSuspension,
    AuthorisationReview,
    PolicyReminder,
    PolicyReminderStage,
)
from security.services.policy import record_evaluation
from tests.celery_worker import wait_for
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)

TZ = ZoneInfo("Europe/Amsterdam")


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=TZ), tick=False)


def subjects(word):
    return [message.subject for message in mail.outbox if word in message.subject]


def test_p4_s5_beat_creates_alarms_reminds_and_suspends_once_each(worker, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    with at(date(2027, 3, 20)):
        region = VeiligheidshuisFactory(code="kennemerland", name="Veiligheidshuis Kennemerland")
        gemeente = PartyFactory(gemeente=True, name="Gemeente Haarlem", veiligheidshuizen=[region])
        politie = PartyFactory(name="Politie", veiligheidshuizen=[region])
        beheerder = make_user(gemeente, Function.BEHEERDER, username="beheerder")
        fg = make_user(gemeente, Function.FG, username="fg")
        sleeper = make_user(politie, Function.DEELNEMER, username="slaper")
    parties = Party.objects.count()

    # P4: the quarter starts; beat creates one review per party, and a second run none.
    with at(date(2027, 4, 1)):
        review_tasks.create_authorisation_reviews.delay()
        wait_for(lambda: AuthorisationReview.objects.count() == parties)
        review_tasks.create_authorisation_reviews.delay()
    # S5: never evaluated, so the overseers are reminded at once (and this shows the second
    # creation run has finished).
    with at(date(2027, 4, 2)):
        review_tasks.remind_policy_evaluation.delay()
        wait_for(lambda: PolicyReminder.objects.count() == 1)
    assert AuthorisationReview.objects.count() == parties
    assert len(subjects("Kennemerland")) == 1
    assert mail.outbox[-1].to == ["fg@example.org"]

    # P4: a month later nothing is signed off: one alarm per review to the beheerder, once.
    with at(date(2027, 5, 2)):
        review_tasks.alarm_overdue_reviews.delay()
        wait_for(
            lambda: not AuthorisationReview.objects.filter(overdue_alarm_sent_at=None).exists()
        )
        review_tasks.alarm_overdue_reviews.delay()
        review_tasks.remind_policy_evaluation.delay()  # nothing new: still the same stage
        fg.is_verified = lambda: True
        evaluation = record_evaluation(
            region,
            evaluated_on=date(2027, 5, 2),
            findings="Beleid doorgenomen.",
            measures="",
            next_on=None,
            by=fg,
        )
    assert evaluation.next_on == date(2028, 5, 2)
    # S5: a month before the next date, one reminder; after the date, one more.
    with at(date(2028, 4, 3)):
        User.objects.filter(pk__in=[beheerder.pk, fg.pk]).update(last_login=datetime.now(TZ))
        review_tasks.remind_policy_evaluation.delay()
        wait_for(lambda: PolicyReminder.objects.filter(evaluation=evaluation).count() == 1)
        review_tasks.remind_policy_evaluation.delay()
    with at(date(2028, 5, 3)):
        User.objects.filter(pk__in=[beheerder.pk, fg.pk]).update(last_login=datetime.now(TZ))
        review_tasks.remind_policy_evaluation.delay()
        wait_for(lambda: PolicyReminder.objects.filter(evaluation=evaluation).count() == 2)
        # P4: the sleeper has not signed in since March 2027: suspended, once.
        review_tasks.suspend_dormant_accounts.delay()
        wait_for(lambda: AccountSuspension.objects.filter(user=sleeper).exists())
        review_tasks.suspend_dormant_accounts.delay()
        review_tasks.create_authorisation_reviews.delay()
        wait_for(lambda: AuthorisationReview.objects.count() > parties)
    # Every mail not about the policy of Kennemerland is a review's alarm, named by party.
    review_alarms = [m for m in mail.outbox if "Kennemerland" not in m.subject]
    assert len(review_alarms) == parties
    assert all(message.to == ["beheerder@example.org"] for message in review_alarms)
    stages = sorted(PolicyReminder.objects.values_list("stage", flat=True))
    assert stages == [PolicyReminderStage.DUE_SOON] + [PolicyReminderStage.OVERDUE] * 2
    assert len(subjects("Kennemerland")) == 3
    assert AccountSuspension.objects.count() == 1
    sleeper.refresh_from_db()
    assert not sleeper.is_active
