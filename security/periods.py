"""The periods oversight works in (S2 access-log reviews, P4 authorisation reviews): blocks of
whole months counted from January 2000, so with 3 months they are the calendar quarters and a
length that does not divide twelve still gives periods that follow each other without a gap."""

from datetime import date, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta


class Period(NamedTuple):
    start: date
    end: date  # the last day of the period


def period_of(day: date, months: int) -> Period:
    """The period of `months` months that `day` falls in."""
    index = ((day.year - 2000) * 12 + day.month - 1) // months * months
    start = date(2000 + index // 12, index % 12 + 1, 1)
    return Period(start, start + relativedelta(months=months) - timedelta(days=1))
