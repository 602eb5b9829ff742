"""The unusual reads (S2, CTER 15.1e) found in the database (issue 13): the rules of
`security.anomalies` as conditions on the audit entries, so the reads of a period are counted,
listed and searched for by the database over the time range of its `timestamp` index, not read
one by one into Python.

What the rules need is gathered first, in a few queries whatever the number of reads:

- the readers' dossiers read per local day over the period and the baseline days before (one
  aggregate); the days on which a reader read far more than usual are decided from it by the
  pure rule (`anomalies.many_reads_on`), and every read of a dossier by that reader on that day
  stands out;
- the file and archive state of each dossier read in the period (`registry.states`, once per
  kind of file), so a read stands out when its dossier is kept in a file the reader held no live
  authorisation for at the moment of the read (a subquery on the authorisations), or when the
  dossier was in the archive on the day of the read;
- the local hours at night (`anomalies.night_hours`).

`UnusualReads.conditions` then holds one condition per reason; `flags` gives the reasons of
given entries, `per_day` the counts per day and reason, `condition()` any reason (the log's
"only unusual" filter)."""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone

from parties.models import FileAuthorisation
from security import anomalies
from security.anomalies import Reason
from security.models import AuditEntry
from subjects import registry

Action = AuditEntry.Action
NOTHING = Q(pk__in=[])


@contextmanager
def planned_plainly():
    """The rules' queries without PostgreSQL's JIT: it compiles their long conditions for
    longer than they run (measured at 1/10 scale: the count of the last days' unusual reads
    17 s with it, 0.4 s without). Off for the transaction the queries run in (`SET LOCAL`; the
    request's own, or one of their own); other databases have no JIT."""
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _days(first: date, last: date) -> Q:
    return Q(timestamp__gte=day_start(first), timestamp__lt=day_start(last + timedelta(days=1)))


def _or(conditions) -> Q:
    found = NOTHING
    for condition in conditions:
        found |= condition
    return found


@dataclass
class UnusualReads:
    """The rules as conditions on access entries, for the reads they were gathered for."""

    period: tuple[date, date]
    conditions: dict[str, Q] = field(default_factory=dict)

    def condition(self) -> Q:
        """An entry that is a read of the period and stands out for any reason."""
        return Q(action=Action.ACCESS) & _days(*self.period) & _or(self.conditions.values())

    def flags(self, entries: QuerySet) -> dict[int, list[str]]:
        """The reasons each of `entries` stands out for, by entry id (one query)."""
        marks = {
            reason: Case(
                When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            for reason, condition in self.conditions.items()
        }
        rows = (
            entries.filter(self.condition())
            .annotate(**{f"is_{reason}": mark for reason, mark in marks.items()})
            .values("pk", *(f"is_{reason}" for reason in marks))
            .order_by()
        )
        return {
            row["pk"]: [reason for reason in self.conditions if row[f"is_{reason}"]] for row in rows
        }

    def per_day(self, entries: QuerySet) -> list[dict]:
        """The unusual reads among `entries` per local day, newest first: the day, the count
        per reason, the total (one query)."""
        rows = (
            entries.filter(self.condition())
            .annotate(day=TruncDate("timestamp"))
            .values("day")
            .annotate(
                total=Count("pk"),
                **{
                    f"n_{reason}": Count(Case(When(condition, then="pk")))
                    for reason, condition in self.conditions.items()
                },
            )
            .order_by("-day")
        )
        return [
            {
                "day": row["day"],
                "total": row["total"],
                "reasons": {
                    reason: row[f"n_{reason}"] for reason in self.conditions if row[f"n_{reason}"]
                },
            }
            for row in rows
        ]


def _busy_days(reads: QuerySet, period, facts: anomalies.Facts) -> Q:
    """Far more than usual: the readers' dossiers per local day over the period and the
    baseline before it (one aggregate), and every read of a dossier by a reader on a day the
    pure rule finds busy."""
    first, last = period
    start = first - timedelta(days=facts.thresholds.baseline_days)
    readers = reads.exclude(actor=None).values("actor_id").order_by().distinct()
    daily = (
        AuditEntry.objects.filter(_days(start, last), action=Action.ACCESS, actor_id__in=readers)
        .exclude(dossier_key="")
        .annotate(day=TruncDate("timestamp"))
        .values("actor_id", "day")
        .annotate(dossiers=Count(Concat("file_label", Value(":"), "dossier_key"), distinct=True))
        .order_by()
    )
    facts.dossiers_per_day = {(row["actor_id"], row["day"]): row["dossiers"] for row in daily}
    busy: dict[int, list[date]] = defaultdict(list)
    for actor_id, day in facts.dossiers_per_day:
        if first <= day <= last and anomalies.many_reads_on(actor_id, day, facts):
            busy[actor_id].append(day)
    return _or(
        Q(actor_id=actor_id) & ~Q(dossier_key="") & _or(_days(day, day) for day in days)
        for actor_id, days in busy.items()
    )


def _live_authorisation(file_id: int) -> Exists:
    """The reader held a live authorisation for the file at the moment of the read
    (`anomalies.Authorisation.live_at`)."""
    return Exists(
        FileAuthorisation.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=OuterRef("timestamp")),
            user_id=OuterRef("actor_id"),
            file_id=file_id,
            granted_at__lte=OuterRef("timestamp"),
        )
    )


def _dossier_rules(reads: QuerySet) -> tuple[Q, Q]:
    """Outside the reader's files, and of an archived dossier: the state of every dossier read,
    asked of its file once per kind of file (`registry.states`)."""
    wanted: dict[str, list[str]] = defaultdict(list)
    pairs = reads.exclude(dossier_key="").values_list("file_label", "dossier_key")
    for label, key in pairs.order_by().distinct():
        wanted[label].append(key)
    by_file: dict[tuple[str, int], list[str]] = defaultdict(list)
    archived: dict[tuple[str, date | None], list[str]] = defaultdict(list)
    for label, keys in wanted.items():
        try:
            states = registry.get(label).states(sorted(keys))
        except KeyError:
            continue  # no such kind of file (any more): nothing to say
        for state in states:
            by_file[(label, state.data_file_id)].append(state.ref.key)
            if state.archived:
                archived[(label, state.archived_on)].append(state.ref.key)
    outside = _or(
        Q(file_label=label, dossier_key__in=keys) & Q(~_live_authorisation(file_id))
        for (label, file_id), keys in by_file.items()
    )
    in_archive = _or(
        Q(file_label=label, dossier_key__in=keys)
        & (Q() if archived_on is None else Q(timestamp__gte=day_start(archived_on)))
        for (label, archived_on), keys in archived.items()
    )
    return ~Q(actor=None) & outside, in_archive


def gather(entries: QuerySet, period: tuple[date, date]) -> UnusualReads:
    """The rules for the reads among `entries` in `period` (whole local days)."""
    reads = entries.filter(_days(*period), action=Action.ACCESS)
    facts = anomalies.Facts(thresholds=anomalies.Thresholds.from_settings())
    many = _busy_days(reads, period, facts)
    outside, in_archive = _dossier_rules(reads)
    night = ~Q(actor=None) & Q(timestamp__hour__in=anomalies.night_hours(facts.thresholds))
    found = {
        Reason.MANY_READS: many,
        Reason.OUTSIDE: outside,
        Reason.ARCHIVED: in_archive,
        Reason.NIGHT: night,
    }
    assert [reason for reason, _rule in anomalies.RULES] == list(found)  # one order of reasons
    return UnusualReads(period, {reason.value: condition for reason, condition in found.items()})


def period_of(entries) -> tuple[date, date] | None:
    """The local days `entries` (a list of entries) fall in, None when there are none."""
    days = [timezone.localdate(entry.timestamp) for entry in entries]
    return (min(days), max(days)) if days else None
