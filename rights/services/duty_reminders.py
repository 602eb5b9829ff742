"""I2: the beat's daily look at the postponements. Every handler of a postponed duty is
reminded `DUTY_REMINDER_DAYS` days before its date to look again, once (`reminded_at`), by
e-mail without personal data: the duty's number, the date and a link. After that date the
duty shows as overdue on its list and the dashboard (`rights.services.duties.overdue_q`).
Decided from the database alone: running it twice, or after a day of downtime, is correct."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from config.links import link_to
from rights.constants import DutyState
from rights.models import Postponement
from rights.permissions.duties import handlers_of

BATCH = 200


def _due_for_reminder(today: date):
    until = today + timedelta(days=settings.DUTY_REMINDER_DAYS)
    return Postponement.objects.filter(
        ended_on__isnull=True,
        reminded_at__isnull=True,
        review_on__lte=until,
        duty__state=DutyState.POSTPONED,
    ).order_by("review_on", "pk")


def _remind(postponement: Postponement) -> None:
    duty = postponement.duty
    recipients = [user.email for user in handlers_of(duty) if user.email]
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            values = {
                "number": duty.pk,
                "date": formats.date_format(postponement.review_on, "d-m-Y"),
            }
            subject = _("Postponed duty to inform %(number)s: look again by %(date)s") % values
            body = "\n\n".join(
                [
                    _(
                        "Informing the person of duty to inform %(number)s was postponed. "
                        "Look again by %(date)s whether the ground still applies; once it has "
                        "lapsed, the person is informed."
                    )
                    % values,
                    link_to(reverse("rights:duty-detail", args=[duty.pk])),
                ]
            )
        send_mail(subject, body, None, recipients)
    postponement.reminded_at = timezone.now()
    postponement.save(update_fields=["reminded_at"])


def send_postponement_reminders(*, today: date | None = None) -> int:
    """Remind the handlers of every postponement that comes due; returns how many were sent.
    Each row is taken with `skip_locked` and marked in the same transaction, so two workers
    never remind twice."""
    today = today or timezone.localdate()
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(
                _due_for_reminder(today)
                .select_related("duty__data_file")
                .select_for_update(skip_locked=True, of=("self",))[:BATCH]
            )
            for postponement in rows:
                _remind(postponement)
            sent += len(rows)
        if len(rows) < BATCH:
            return sent
