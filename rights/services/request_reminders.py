"""Reminders of request deadlines (R3), run daily by beat: a warning a week before the deadline,
an alarm once it has passed. Decided from the database alone, so running twice or after a day
of downtime is correct: each request is warned once and alarmed once (per deadline), and
answered or withdrawn requests are left alone. The mails hold no personal data: the request's
number, its deadline and a link."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rights.permissions.requests import request_handlers
from rights.services import deadlines


@dataclass
class Sent:
    warned: list[str]
    alarmed: list[str]


def _mail(subject_request, *, alarm: bool) -> None:
    recipients = [user.email for user in request_handlers(subject_request.veiligheidshuis)]
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse(
        "rights:request-detail", args=[subject_request.number]
    )
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "number": subject_request.number,
            "date": subject_request.deadline.strftime("%d-%m-%Y"),
            "link": link,
        }
        if alarm:
            subject = _("Request %(number)s: the term has passed") % values
            body = _(
                "The term to answer request %(number)s passed on %(date)s.\n\n"
                "Answer the request as soon as possible: %(link)s"
            )
        else:
            subject = _("Request %(number)s: answer before %(date)s") % values
            body = _(
                "Request %(number)s is to be answered by %(date)s, within a week.\n\n"
                "See the request: %(link)s"
            )
        send_mail(subject, body % values, None, recipients)


def _sweep(queryset, field: str, *, alarm: bool) -> list[str]:
    """Mark each row of `queryset` and mail its handlers, one row per transaction, skipping
    rows another run holds."""
    done = []
    for pk in list(queryset.values_list("pk", flat=True)):
        with transaction.atomic():
            row = queryset.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None:
                continue
            setattr(row, field, timezone.now())
            row.save(update_fields=[field])
            # Inside the transaction: when the mail fails, the mark is undone and the next
            # run tries again.
            _mail(row, alarm=alarm)
        done.append(row.number)
    return done


def send_deadline_reminders(today: date | None = None) -> Sent:
    today = today or timezone.localdate()
    alarmed = _sweep(deadlines.to_alarm(today), "alarmed_at", alarm=True)
    # An overdue request that was never warned gets its alarm only.
    deadlines.to_warn(today).filter(number__in=alarmed).update(warned_at=timezone.now())
    warned = _sweep(deadlines.to_warn(today), "warned_at", alarm=False)
    return Sent(warned=warned, alarmed=alarmed)
