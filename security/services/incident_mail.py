"""The mails of the incident register (S3): to the overseers of the incident's Veiligheidshuis
(`security.permissions.overseers_of`: the FG and the uitvoerder). They hold no personal data:
the incident's number, the deadline and a link to the register, nothing of what happened."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.links import link_to
from security.models.incidents import ClockStage, Incident
from security.permissions import overseers_of
from security.services.breach_clock import CLOCK


def _recipients(incident: Incident) -> list[str]:
    users = overseers_of(incident.veiligheidshuis)
    return sorted({user.email for user in users if user.email})


def _send(incident: Incident, subject: str, body: str, values: dict) -> int:
    recipients = _recipients(incident)
    if not recipients:
        return 0
    values = {
        **values,
        "number": incident.number,
        "link": link_to(reverse("security:incident-detail", args=[incident.number])),
    }
    send_mail(subject % values, body % values, None, recipients)
    return len(recipients)


def tell_overseers_of_report(incident: Incident) -> int:
    """At once when an incident is reported; returns the number of recipients."""
    with translation.override(settings.LANGUAGE_CODE):
        return _send(
            incident,
            _("Incident %(number)s reported"),
            _(
                "A suspected security incident or data breach was reported as %(number)s. "
                "If it is a data breach, it must be notified to the Autoriteit "
                "Persoonsgegevens within 72 hours of its discovery, by %(deadline)s.\n\n"
                "Assess it in the incident register: %(link)s"
            ),
            {"deadline": _when(incident.discovered_at + CLOCK)},
        )


def send_clock_notice(incident: Incident, stage: str, deadline: datetime) -> int:
    """A warning (48, 24 or 12 hours left) or the alarm; returns the number of recipients."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {"deadline": _when(deadline), "stage": str(ClockStage(stage).label)}
        if stage == ClockStage.ALARM:
            subject = _("ALARM: incident %(number)s: the 72-hour deadline has passed")
            body = _(
                "The deadline to notify data breach %(number)s to the Autoriteit "
                "Persoonsgegevens passed at %(deadline)s, and neither a notification nor a "
                "decision not to notify has been recorded.\n\n"
                "Notify it now and record the reasons for the delay (AVG 33.1): %(link)s"
            )
        else:
            subject = _("Incident %(number)s: %(stage)s to notify the AP")
            body = _(
                "%(stage)s: a data breach (or an incident not yet assessed), %(number)s, must "
                "be notified to the Autoriteit Persoonsgegevens by %(deadline)s, unless it is "
                "decided, with reasons, that it need not be.\n\n"
                "Record the notification or the decision: %(link)s"
            )
        return _send(incident, subject, body, values)


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")
