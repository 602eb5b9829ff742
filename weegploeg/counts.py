"""The counts the weegploeg's lists show, kept on the parent row (issue 13; `subjects.counters`):
an assessment's signals and a meeting's agenda items. These functions are the one place that
sets them; the services call them in their transaction after changing the children."""

from subjects.counters import count_of, recount
from subjects.restriction import restricted_q
from weegploeg.models import AgendaItem, Assessment, Meeting, Signal


def signals_counted():
    """The signals an ordinary read sees (R6: the restricted ones left out), whoever reads."""
    return count_of(Signal._base_manager.filter(~restricted_q(Signal)), "assessment")


def items_counted():
    return count_of(AgendaItem.objects.all(), "meeting")


def recount_assessments(*assessments) -> None:
    recount(Assessment, assessments, signal_count=signals_counted())


def recount_meetings(*meetings) -> None:
    recount(Meeting, meetings, item_count=items_counted())


def recount_all() -> None:
    """Every count afresh (the data migration, a bulk load): no lock, one statement each."""
    Assessment._base_manager.update(signal_count=signals_counted())
    Meeting._base_manager.update(item_count=items_counted())
