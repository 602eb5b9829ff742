"""The 72-hour clock of a data breach (S3, AVG 33.1, O3).

The deadline is the discovery time plus 72 hours, whenever a job runs. The clock runs for every
incident until one of these is recorded:

- a notification to the Autoriteit Persoonsgegevens (`notified_at`);
- a decision not to notify it, with its reasons (`ap_decision` "not_notify");
- the assessment that the incident is no data breach (kind "security_incident"): a security
  incident that is no breach has no AP deadline.

A reported incident that is not yet assessed is treated as a breach: the clock runs from its
discovery, because whether it is a breach is exactly what the 72 hours are for.

Beat (`security.tasks.run_breach_clock`, every 15 minutes) warns the overseers when 48, 24 and
12 hours are left and raises the alarm once the deadline has passed. Each stage is recorded in
`ClockNotice`, unique per incident and stage, and is sent once. A run decides from the
database as of `timezone.now()`: after downtime it sends only the latest stage that is due; the
earlier stages that were missed are recorded as skipped and never sent (a warning that 48 hours
are left is wrong when 10 are left, and after the deadline only the alarm is true)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from security.models.incidents import ApDecision, ClockNotice, ClockStage, Incident, IncidentKind

CLOCK = timedelta(hours=72)
# Each stage with the hours left when it falls due, in the order they fall due.
STAGES: tuple[tuple[str, int], ...] = (
    (ClockStage.LEFT_48, 48),
    (ClockStage.LEFT_24, 24),
    (ClockStage.LEFT_12, 12),
    (ClockStage.ALARM, 0),
)

# The one rule of a running clock, as a query (its Python twin: `clock_runs`).
RUNNING = (
    Q(notified_at__isnull=True)
    & ~Q(kind=IncidentKind.SECURITY_INCIDENT)
    & ~Q(ap_decision=ApDecision.NOT_NOTIFY)
)


def deadline_of(incident: Incident) -> datetime:
    return incident.discovered_at + CLOCK


def clock_runs(incident: Incident) -> bool:
    return (
        incident.notified_at is None
        and incident.kind != IncidentKind.SECURITY_INCIDENT
        and incident.ap_decision != ApDecision.NOT_NOTIFY
    )


def running(queryset=None):
    """The incidents of `queryset` (all) whose clock runs."""
    return (queryset if queryset is not None else Incident.objects.all()).filter(RUNNING)


@dataclass(frozen=True)
class Clock:
    deadline: datetime
    running: bool
    remaining: timedelta  # negative once overdue
    stopped_by: str  # "", "notified", "decided", "no_breach"

    @property
    def overdue(self) -> bool:
        return self.running and self.remaining <= timedelta(0)

    @property
    def hours(self) -> int:
        return int(abs(self.remaining).total_seconds() // 3600)

    @property
    def minutes(self) -> int:
        return int(abs(self.remaining).total_seconds() // 60 % 60)


def clock_of(incident: Incident, *, now: datetime | None = None) -> Clock:
    now = now or timezone.now()
    deadline = deadline_of(incident)
    if incident.notified_at is not None:
        stopped_by = "notified"
    elif incident.ap_decision == ApDecision.NOT_NOTIFY:
        stopped_by = "decided"
    elif incident.kind == IncidentKind.SECURITY_INCIDENT:
        stopped_by = "no_breach"
    else:
        stopped_by = ""
    return Clock(
        deadline=deadline, running=not stopped_by, remaining=deadline - now, stopped_by=stopped_by
    )


def due_stage(incident: Incident, *, now: datetime) -> str | None:
    """The latest stage that has fallen due at `now`, or None (more than 48 hours left)."""
    deadline = deadline_of(incident)
    due = None
    for stage, hours_left in STAGES:
        if now >= deadline - timedelta(hours=hours_left):
            due = stage
    return due


def _earlier(stage: str) -> list[str]:
    order = [value for value, _hours in STAGES]
    return order[: order.index(stage)]


def run_clock(*, now: datetime | None = None) -> dict[str, int]:
    """Send every warning and alarm that is due and not yet sent; returns counts. One incident
    per transaction, locked; an incident another run holds is left to it."""
    from security.services.incident_mail import send_clock_notice

    now = now or timezone.now()
    first = CLOCK - timedelta(hours=STAGES[0][1])
    candidates = running().filter(closed_at__isnull=True, discovered_at__lte=now - first)
    counts = {"warnings": 0, "alarms": 0, "skipped": 0}
    for pk in list(candidates.order_by("discovered_at").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                incident = running().select_for_update(skip_locked=True).filter(pk=pk).first()
                if incident is None:
                    continue
                stage = due_stage(incident, now=now)
                sent = set(incident.notices.values_list("stage", flat=True))
                if stage is None or stage in sent:
                    continue
                for missed in _earlier(stage):
                    if missed not in sent:
                        ClockNotice.objects.create(
                            incident=incident, stage=missed, at=now, skipped=True
                        )
                        counts["skipped"] += 1
                notice = ClockNotice.objects.create(incident=incident, stage=stage, at=now)
                # Inside the transaction: when the mail fails, the record is undone and the
                # next run tries again.
                notice.mails = send_clock_notice(incident, stage, deadline_of(incident))
                notice.save(update_fields=["mails"])
        except IntegrityError:
            continue  # another run recorded this stage at the same moment: it sent it
        counts["alarms" if stage == ClockStage.ALARM else "warnings"] += 1
    return counts
