"""The dashboard panel of the requests of subjects (R3, U1): what is overdue and what is due
within a week, for whoever handles requests, each naming the request's number, its next step
and its term."""

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, WorkPanel, first_rows
from rights.permissions.requests import handled_requests, may_handle_requests
from rights.services import deadlines
from rights.services.requests import next_step


def what_is_due(subject_request) -> str:
    """The request's next step, in words (U1, U3)."""
    asked = ", ".join(str(label).lower() for label in subject_request.kind_labels)
    step = next_step(subject_request)
    if step == "identity":
        return gettext("Establish the identity of the requester (%(asked)s)") % {"asked": asked}
    if step == "dossiers":
        return gettext("Find and confirm the person's dossiers (%(asked)s)") % {"asked": asked}
    return gettext("Answer the request (%(asked)s)") % {"asked": asked}


def requests_content(user) -> PanelContent | None:
    """None for who handles no requests: the panel is left out."""
    if not may_handle_requests(user):
        return None
    today = timezone.localdate()
    requests = handled_requests(user)
    due = deadlines.overdue(requests, today) | deadlines.due_within(requests, today)
    shown, count = first_rows(
        due.annotate(term=Coalesce("extended_to", "due_on"))
        .prefetch_related("dossiers")  # the next step asks whether any were found
        .order_by("term", "pk")
    )
    items = [
        DueItem(
            dossier=subject_request.number,
            what=what_is_due(subject_request),
            url=reverse("rights:request-detail", args=[subject_request.number]),
            deadline=subject_request.deadline,
        )
        for subject_request in shown
    ]
    return PanelContent(items=items, count=count, more_url=reverse("rights:request-list"))


# Any function may be a designated officer (CTER 12.2): the permission rule decides.
PANEL = WorkPanel(
    key="requests-due",
    title=_("Requests of subjects"),
    functions=frozenset(Function.values),
    content=requests_content,
    empty=_("No request of a subject is due within a week."),
    order=310,
)
