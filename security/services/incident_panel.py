"""The dashboard panel of the incident register (S3, U1) for the FG and the uitvoerder, their
Veiligheidshuizen only: each open clock with the time left or the time overdue (the alarm), and
the reports not yet assessed. Numbers and deadlines: nothing of what happened."""

from django.utils import timezone

from security.services.breach_clock import clock_of, running
from security.services.incidents import may_see_register, visible_incidents


def incident_panel(user) -> dict | None:
    """None for who oversees no Veiligheidshuis: the panel is left out."""
    if not may_see_register(user):
        return None
    now = timezone.now()
    open_incidents = visible_incidents(user).filter(closed_at__isnull=True)
    clocks = [
        {"incident": incident, "clock": clock_of(incident, now=now)}
        for incident in running(open_incidents).order_by("discovered_at", "pk")
    ]
    return {
        "clocks": clocks,
        "overdue": sum(1 for row in clocks if row["clock"].overdue),
        "new": open_incidents.filter(kind="").count(),
        "open": open_incidents.count(),
    }
