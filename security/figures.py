"""Management information of the incident register (U6), without personal data: counts only.

A data breach here is every incident not assessed as a security incident without a breach:
a suspicion not yet assessed counts (as pending), as the 72-hour clock runs for it too
(`security.services.breach_clock`)."""

from datetime import date

from django.db.models import F

from security.models.incidents import ApDecision, Incident, IncidentKind
from security.services.breach_clock import CLOCK


def breach_notifications(
    veiligheidshuis_ids: list[int], since: date, until: date
) -> dict[str, int]:
    """The data breaches discovered in [since, until) in these Veiligheidshuizen: notified to
    the AP within 72 hours of discovery (on_time), after (late), neither notified nor decided
    yet (pending), decided not to notify (not_notified)."""
    breaches = Incident.objects.filter(
        veiligheidshuis_id__in=veiligheidshuis_ids,
        discovered_at__date__gte=since,
        discovered_at__date__lt=until,
    ).exclude(kind=IncidentKind.SECURITY_INCIDENT)
    notified = breaches.filter(notified_at__isnull=False)
    not_notified = breaches.filter(notified_at__isnull=True, ap_decision=ApDecision.NOT_NOTIFY)
    return {
        "on_time": notified.filter(notified_at__lte=F("discovered_at") + CLOCK).count(),
        "late": notified.filter(notified_at__gt=F("discovered_at") + CLOCK).count(),
        "pending": breaches.filter(notified_at__isnull=True)
        .exclude(ap_decision=ApDecision.NOT_NOTIFY)
        .count(),
        "not_notified": not_notified.count(),
    }
