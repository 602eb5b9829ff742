"""Management information without personal data (U6): the one place its figures are made safe
to show.

Per Veiligheidshuis, casusoverleg (an ICO `parties.DataFile`) and period (whole months):
signals in, decisions by outcome, days from the first signal to the decision, cases opened and
closed by reason, measures done on time, requests answered within the term, breaches reported
within 72 hours, dossiers archived and destroyed on time.

- The figures are counted by a job from the live tables (`insights.live`, through
  `subjects.registry` and retention's kept counts, so they survive destruction) into a summary
  (`insights.summary`, ADR 0028); the tables here are built from that summary's counts.
- Every count that leaves this module goes through `suppress`: 1 to 4 become "<5" (in tables,
  CSV and the chart data alike; the chart gets no value for them); 0 stays 0, because nothing
  can be learnt about a person from nobody; 5 and more are shown. No averages or medians are
  shown at all (the days to a decision are shown in buckets), so none over fewer than 5.
- Nothing here holds a name, a BSN or a dossier number: figures carry a file, a month, a kind
  and a reason code.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insights.live import (
    BREACH_REASONS,
    BREACHES,
    REQUEST_REASONS,
    REQUESTS,
    REQUESTS_LATE,
    REQUESTS_ON_TIME,
    REQUESTS_OPEN,
    REQUESTS_OVERDUE,
)
from retention.services import statistics
from subjects import registry
from subjects.registry import (
    CLOSED,
    DAY_BUCKETS,
    DAYS_TO_DECISION,
    DECISIONS,
    LATE,
    MEASURES,
    MEASURES_DUE,
    ON_TIME,
    OPENED,
    SIGNALS,
)

SMALL = 5  # counts below this are shown as "<5" (U6)
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: its text, and its value for a chart (None when hidden)."""

    text: str
    value: int | None


def suppress(count: int) -> Cell:
    """The one rule for showing a count (U6): 1-4 is "<5" and has no value; 0 and 5+ shown."""
    if 0 < count < SMALL:
        return Cell(SUPPRESSED, None)
    return Cell(str(count), count)


@dataclass(frozen=True)
class Row:
    label: str
    cell: Cell


@dataclass
class Table:
    key: str
    title: str
    description: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return all(row.cell.value == 0 for row in self.rows)

    def chart(self) -> dict:
        """What the chart draws: the same cells as the table (hidden ones have no value and
        their label says "<5")."""
        return {
            "key": self.key,
            "title": self.title,
            "labels": [
                f"{row.label} ({SUPPRESSED})" if row.cell.value is None else row.label
                for row in self.rows
            ],
            "values": [row.cell.value for row in self.rows],
            "texts": [row.cell.text for row in self.rows],
            "label": _("Number"),
        }


@dataclass(frozen=True)
class Selection:
    """What the figures are of: the files (scoped to the user's regions already), the
    Veiligheidshuizen they belong to, and whole months `first` to `last`."""

    data_files: tuple
    regions: tuple
    first: date  # the first day of the first month
    last: date  # the first day of the last month
    casusoverleg: object = None  # the ICO file chosen, if any

    @property
    def until(self) -> date:
        """The last day of the period."""
        return self.last + relativedelta(months=1, days=-1)

    def months(self) -> list[date]:
        found, month = [], self.first
        while month <= self.last:
            found.append(month)
            month += relativedelta(months=1)
        return found


def _total(counted: Counter, figure: str, reason: str | None = None) -> int:
    return sum(
        number
        for (name, why, _month), number in counted.items()
        if name == figure and (reason is None or why == reason)
    )


def _reasons(counted: Counter, figure: str) -> list[str]:
    return sorted({why for (name, why, _month) in counted if name == figure})


def _reason_labels() -> dict[str, str]:
    return {
        code: str(label) for file in registry.files() for code, label in file.figure_reasons.items()
    }


def _row(label, count: int) -> Row:
    return Row(str(label), suppress(count))


def _month_label(month: date) -> str:
    return date_format(month, "F Y")


def tables(selection: Selection, counted: Counter) -> list[Table]:
    """The tables of the page, the CSV and the charts, in one order, every count suppressed:
    of `counted`, the selection's figures per (figure, reason, month) (`insights.summary`)."""
    labels = _reason_labels()
    per_region = _("For the whole Veiligheidshuis: these are not kept per casusoverleg.")
    region_note = per_region if selection.casusoverleg is not None else ""
    found = [
        Table(
            "signals",
            _("Signals in per month"),
            _("Signals received by the weegploeg, in the month they were entered."),
            [
                _row(
                    _month_label(month),
                    sum(n for (f, _r, m), n in counted.items() if f == SIGNALS and m == month),
                )
                for month in selection.months()
            ],
        ),
        Table(
            "decisions",
            _("Decisions by outcome"),
            _("The standing decisions of the weegploeg, in the month they were taken."),
            [
                _row(labels.get(reason, reason), _total(counted, DECISIONS, reason))
                for reason in _reasons(counted, DECISIONS)
            ],
        ),
        Table(
            "days",
            _("Days from the first signal to the decision"),
            _("Decisions by the number of days since the dossier's first signal was received."),
            [
                _row(
                    _("%(days)s days") % {"days": bucket}, _total(counted, DAYS_TO_DECISION, bucket)
                )
                for _limit, bucket in DAY_BUCKETS
            ],
        ),
        Table(
            "cases",
            _("Cases opened and closed"),
            _("Cases opened, and closed by the reason of the decision to close."),
            [_row(_("Opened"), _total(counted, OPENED))]
            + [
                _row(
                    _("Closed: %(reason)s") % {"reason": labels.get(reason, reason)},
                    _total(counted, CLOSED, reason),
                )
                for reason in _reasons(counted, CLOSED)
            ],
        ),
        Table(
            "measures",
            _("Measures done on time"),
            _(
                "Measures taken in the period, and those whose deadline fell in it: done by the "
                "deadline, or done late or still open after it."
            ),
            [
                _row(_("Measures taken"), _total(counted, MEASURES)),
                _row(_("Done on time"), _total(counted, MEASURES_DUE, ON_TIME)),
                _row(_("Late"), _total(counted, MEASURES_DUE, LATE)),
            ],
        ),
    ]
    requests = {reason: _total(counted, REQUESTS, reason) for reason in REQUEST_REASONS}
    found.append(
        Table(
            "requests",
            _("Requests answered within the term"),
            _("Requests of data subjects received in the period (withdrawn ones left out)."),
            [
                _row(_("Answered within the term"), requests[REQUESTS_ON_TIME]),
                _row(_("Answered late"), requests[REQUESTS_LATE]),
                _row(_("Not answered, term passed"), requests[REQUESTS_OVERDUE]),
                _row(_("Not answered, within the term"), requests[REQUESTS_OPEN]),
            ],
            note=region_note,
        )
    )
    breaches = {reason: _total(counted, BREACHES, reason) for reason in BREACH_REASONS}
    found.append(
        Table(
            "breaches",
            _("Breaches reported within 72 hours"),
            _("Data breaches discovered in the period, by their notification to the AP."),
            [
                _row(_("Notified within 72 hours"), breaches["on_time"]),
                _row(_("Notified late"), breaches["late"]),
                _row(_("Not yet decided"), breaches["pending"]),
                _row(_("Decided not to notify"), breaches["not_notified"]),
            ],
            note=region_note,
        )
    )
    found.append(
        Table(
            "retention",
            _("Dossiers archived and destroyed on time"),
            _(
                "Dossiers archived or destroyed in the period, on time when within "
                "%(days)d days of the day their term fell due."
            )
            % {"days": statistics.ON_TIME_DAYS},
            [
                _row(_("Archived on time"), _total(counted, statistics.ARCHIVED, ON_TIME)),
                _row(_("Archived late"), _total(counted, statistics.ARCHIVED, LATE)),
                _row(_("Destroyed on time"), _total(counted, statistics.DESTROYED, ON_TIME)),
                _row(_("Destroyed late"), _total(counted, statistics.DESTROYED, LATE)),
            ],
        )
    )
    return found


TABLE_KEYS = (
    "signals",
    "decisions",
    "days",
    "cases",
    "measures",
    "requests",
    "breaches",
    "retention",
)


def as_csv(found: list[Table]) -> str:
    """The tables as CSV: table, row, count (suppressed as on the page)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Table"), _("Row"), _("Number")])
    for table in found:
        for row in table.rows:
            writer.writerow([table.title, row.label, row.cell.text])
    return out.getvalue()


FIGURE_HELP = gettext_lazy("Counts below 5 are shown as “<5”, so nobody can be singled out.")
