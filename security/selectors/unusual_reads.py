"""The unusual reads (S2, CTER 15.1e) as the access log and the dashboards read them (issue 13,
docs/adr/0027): worked out ahead by a job on beat (`security.services.unusual_reads`) with the
rules of `security.anomalies`, one `UnusualRead` row per read that stands out with its reasons.
Here they are only counted and read, joined to the audit entries searched for, in one query
whatever the number of reads or dossiers.

`UnusualReads` keeps the period whose unusual reads are summed up: `condition()` is any reason
in the period on audit entries (the log's "only unusual" filter), `within` and `per_day` the
rows of the period and their counts per day and reason (the rows alone, without the audit
entries: `access_log.visible_unusual`); `flags_of` gives the reasons of given entries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from security import anomalies
from security.models import AuditEntry, UnusualRead

Action = AuditEntry.Action
# The codes of `anomalies.Reason` in the order of its rules, which are the fields of the row.
REASONS = tuple(reason.value for reason, _rule in anomalies.RULES)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _days(first: date, last: date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}timestamp__gte": day_start(first),
            f"{prefix}timestamp__lt": day_start(last + timedelta(days=1)),
        }
    )


def _codes(row: dict) -> list[str]:
    return [reason for reason in REASONS if row[reason]]


def reasons_of(unusual: UnusualRead) -> list[str]:
    """The reasons one unusual read stands out for (its row read with its entry)."""
    return [reason for reason in REASONS if getattr(unusual, reason)]


def flags_of(ids) -> dict[int, list[str]]:
    """The reasons each of the entries `ids` (ids, or a queryset of ids) stands out for, by
    entry id; an ordinary read or another kind of entry is left out (one query)."""
    rows = UnusualRead.objects.filter(pk__in=ids).values("pk", *REASONS)
    return {row["pk"]: _codes(row) for row in rows}


@dataclass
class UnusualReads:
    """The unusual reads of a period (whole local days) among the entries searched for."""

    period: tuple[date, date]

    def condition(self) -> Q:
        """An entry that is a read of the period and stands out for any reason. The period is
        asked of the unusual reads too, so the database may start from their time index."""
        return (
            Q(action=Action.ACCESS, unusual__isnull=False)
            & _days(*self.period)
            & _days(*self.period, prefix="unusual__")
        )

    def within(self, unusual: QuerySet) -> QuerySet:
        """The rows of `unusual` (`UnusualRead`) of the period."""
        return unusual.filter(_days(*self.period))

    def per_day(self, unusual: QuerySet) -> list[dict]:
        """The unusual reads among `unusual` (`UnusualRead` rows) of the period per local day,
        newest first: the day, the count per reason, the total (one query)."""
        rows = (
            self.within(unusual)
            .values("day")
            .annotate(
                total=Count("pk"),
                **{f"n_{reason}": Count("pk", filter=Q(**{reason: True})) for reason in REASONS},
            )
            .order_by("-day")
        )
        return [
            {
                "day": row["day"],
                "total": row["total"],
                "reasons": {reason: row[f"n_{reason}"] for reason in REASONS if row[f"n_{reason}"]},
            }
            for row in rows
        ]


def gather(period: tuple[date, date]) -> UnusualReads:
    """The unusual reads of `period` (no query: they are worked out ahead)."""
    return UnusualReads(period)
