"""Unusual access (S2, CTER 15.1e): pure rules over the reads of the access log. Each rule looks
at one read and the facts gathered for it (`Facts`): the reader's dossiers read per day, the
file authorisations the reader held, and the dossier's file and archive state. The facts are
gathered per batch of audit entries by the job that works the unusual reads out ahead
(`security.services.unusual_reads`, docs/adr/0027), which applies `reasons` to each read and
keeps the outcome in `security.UnusualRead`; the access log and the dashboards only read that.
Nothing here asks the database, so every rule is tested on its own.

- far more than usual: on the day of the read the reader read more than ANOMALY_READS_FACTOR
  times their daily average of dossiers over the ANOMALY_BASELINE_DAYS before, and at least
  ANOMALY_MIN_READS dossiers;
- outside: the dossier is kept in a file the reader held no live authorisation for at the time
  of the read (another Veiligheidshuis, a casusoverleg the reader does not take part in);
- archived: the dossier was in the archive when it was read;
- at night: the read was between ANOMALY_NIGHT_START and ANOMALY_NIGHT_END, local time.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    MANY_READS = "many", _("Far more dossiers read than usual that day")
    OUTSIDE = "outside", _("Dossier outside the reader's authorised files")
    ARCHIVED = "archived", _("Dossier in the archive")
    NIGHT = "night", _("Read at night")


@dataclass(frozen=True)
class Read:
    """One access entry, as the rules see it."""

    id: int
    actor_id: int | None
    at: datetime
    file_label: str = ""
    dossier_key: str = ""

    @property
    def day(self) -> date:
        return timezone.localdate(self.at)

    @property
    def dossier(self) -> tuple[str, str] | None:
        return (self.file_label, self.dossier_key) if self.dossier_key else None


@dataclass(frozen=True)
class Dossier:
    """What the rules need of a dossier: its file (parties.DataFile pk) and archive state."""

    data_file_id: int
    archived: bool
    archived_on: date | None = None


@dataclass(frozen=True)
class Authorisation:
    file_id: int
    granted_at: datetime
    ended_at: datetime | None = None

    def live_at(self, moment: datetime) -> bool:
        return self.granted_at <= moment and (self.ended_at is None or moment < self.ended_at)


@dataclass(frozen=True)
class Thresholds:
    factor: int
    baseline_days: int
    min_reads: int
    night_start: int
    night_end: int

    @classmethod
    def from_settings(cls) -> "Thresholds":
        return cls(
            factor=settings.ANOMALY_READS_FACTOR,
            baseline_days=settings.ANOMALY_BASELINE_DAYS,
            min_reads=settings.ANOMALY_MIN_READS,
            night_start=settings.ANOMALY_NIGHT_START,
            night_end=settings.ANOMALY_NIGHT_END,
        )


@dataclass
class Facts:
    thresholds: Thresholds
    # (reader, local day) -> the number of distinct dossiers the reader read that day
    dossiers_per_day: dict[tuple[int, date], int] = field(default_factory=dict)
    # reader -> every file authorisation the reader held, ended ones included
    authorisations: dict[int, list[Authorisation]] = field(default_factory=dict)
    # (file label, key) -> the dossier, None when it is gone (destroyed) or unknown
    dossiers: dict[tuple[str, str], Dossier | None] = field(default_factory=dict)


def baseline(actor_id: int, day: date, facts: Facts) -> float:
    """The reader's daily average of dossiers read over the baseline days before `day`."""
    days = facts.thresholds.baseline_days
    total = sum(
        facts.dossiers_per_day.get((actor_id, day - timedelta(days=back)), 0)
        for back in range(1, days + 1)
    )
    return total / days if days else 0.0


def many_reads_on(actor_id: int, day: date, facts: Facts) -> bool:
    """Whether the reader read far more dossiers than usual on `day`: every read of a dossier
    by them that day stands out (the job marks the day's earlier reads when the day grows busy,
    `security.services.unusual_reads`)."""
    count = facts.dossiers_per_day.get((actor_id, day), 0)
    limits = facts.thresholds
    return count >= limits.min_reads and count > limits.factor * baseline(actor_id, day, facts)


def far_more_than_usual(read: Read, facts: Facts) -> bool:
    if read.actor_id is None or read.dossier is None:
        return False
    return many_reads_on(read.actor_id, read.day, facts)


def outside_authorisation(read: Read, facts: Facts) -> bool:
    dossier = facts.dossiers.get(read.dossier) if read.dossier else None
    if read.actor_id is None or dossier is None:
        return False
    return not any(
        held.file_id == dossier.data_file_id and held.live_at(read.at)
        for held in facts.authorisations.get(read.actor_id, ())
    )


def of_archived_dossier(read: Read, facts: Facts) -> bool:
    dossier = facts.dossiers.get(read.dossier) if read.dossier else None
    if dossier is None or not dossier.archived:
        return False
    return dossier.archived_on is None or dossier.archived_on <= read.day


def night_hour(hour: int, thresholds: Thresholds) -> bool:
    """Whether a read in this hour of the local day is a read at night."""
    start, end = thresholds.night_start, thresholds.night_end
    if start <= end:
        return start <= hour < end
    return hour >= start or hour < end


def at_night(read: Read, facts: Facts) -> bool:
    if read.actor_id is None:
        return False
    return night_hour(timezone.localtime(read.at).hour, facts.thresholds)


RULES = (
    (Reason.MANY_READS, far_more_than_usual),
    (Reason.OUTSIDE, outside_authorisation),
    (Reason.ARCHIVED, of_archived_dossier),
    (Reason.NIGHT, at_night),
)


def reasons(read: Read, facts: Facts) -> list[str]:
    """Why this read stands out: the codes of `Reason`, empty for an ordinary read."""
    return [reason.value for reason, rule in RULES if rule(read, facts)]
