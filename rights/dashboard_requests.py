"""The dashboard panel of the requests of subjects (R3, U1): what is overdue and what is due
within a week, for whoever handles requests."""

from django.utils import timezone

from parties.constants import Function
from parties.dashboard import Panel
from rights.permissions.requests import handled_requests, may_handle_requests
from rights.services import deadlines

SHOWN = 10


def requests_due_panel(user) -> dict | None:
    """None for who handles no requests: the panel is left out."""
    if not may_handle_requests(user):
        return None
    today = timezone.localdate()
    requests = handled_requests(user)
    overdue = deadlines.overdue(requests, today).order_by("due_on", "pk")
    due = deadlines.due_within(requests, today).order_by("due_on", "pk")
    return {
        "overdue_count": overdue.count(),
        "due_count": due.count(),
        "overdue": list(overdue[:SHOWN]),
        "due": list(due[:SHOWN]),
    }


# Any function may be a designated officer (CTER 12.2): the context decides.
PANEL = Panel(
    functions=frozenset(Function.values),
    template="rights/requests/dashboard_panel.html",
    context=requests_due_panel,
)
