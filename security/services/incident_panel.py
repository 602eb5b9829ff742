"""The dashboard panel of the incident register (S3, U1) for the FG and the uitvoerder, their
Veiligheidshuizen only: each incident whose 72-hour clock runs, by number, with what to do, its
deadline and the time left or overdue (the alarm), and the reports not yet assessed. Numbers
and deadlines: nothing of what happened."""

from django.db.models import BooleanField, Case, Value, When
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from parties.dashboard import SHOWN, DueItem, PanelContent
from security.services.breach_clock import RUNNING, clock_of
from security.services.incidents import may_see_register, visible_incidents


def clock_text(clock) -> str:
    """The deadline and the time left or overdue, as the register says it."""
    local = timezone.localtime(clock.deadline)
    when = formats.date_format(local, "d-m-Y H:i")
    numbers = {"hours": clock.hours, "minutes": clock.minutes}
    if clock.overdue:
        left = gettext("Overdue by %(hours)s h %(minutes)s min") % numbers
    else:
        left = gettext("%(hours)s h %(minutes)s min left") % numbers
    return gettext("72-hour deadline %(when)s: %(left)s") % {"when": when, "left": left}


def what_is_due(incident) -> str:
    if not incident.kind:
        return gettext(
            "Assess the report: is it a data breach? Notify the Autoriteit Persoonsgegevens "
            "within 72 hours, or record why not"
        )
    return gettext("Notify the Autoriteit Persoonsgegevens, or record why not")


def incident_content(user) -> PanelContent | None:
    """None for who oversees no Veiligheidshuis: the panel is left out."""
    if not may_see_register(user):
        return None
    now = timezone.now()
    # One query: the open incidents (few), each marked whether its clock runs.
    open_incidents = list(
        visible_incidents(user)
        .filter(closed_at__isnull=True)
        .annotate(
            runs=Case(
                When(RUNNING, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .order_by("discovered_at", "pk")
    )
    items, overdue = [], 0
    for incident in (incident for incident in open_incidents if incident.runs):
        clock = clock_of(incident, now=now)
        overdue += clock.overdue
        items.append(
            DueItem(
                dossier=incident.number,
                what=what_is_due(incident),
                url=reverse("security:incident-detail", args=[incident.number]),
                deadline=timezone.localdate(clock.deadline),
                detail=clock_text(clock),
                urgent=clock.overdue,
            )
        )
    # A report assessed as a security incident (no breach) has no clock but is still assessed
    # by kind; one not yet assessed always runs a clock, so is listed above.
    for incident in open_incidents:
        if incident.kind or incident.runs:
            continue
        items.append(
            DueItem(
                dossier=incident.number,
                what=what_is_due(incident),
                url=reverse("security:incident-detail", args=[incident.number]),
            )
        )
    items.sort(key=DueItem.sort_key)
    return PanelContent(
        items=items[:SHOWN],
        count=len(items),
        more_url=reverse("security:incident-list"),
        extra={
            "overdue": overdue,
            "new": sum(1 for incident in open_incidents if not incident.kind),
        },
    )
