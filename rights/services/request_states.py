"""The states of a request and the changes allowed between them, written down once (STYLE 2).
Nothing sets `SubjectRequest.state` but `move_to`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rights.constants import RequestState

RECEIVED, IDENTIFIED, IN_PROGRESS, DONE, WITHDRAWN = (
    RequestState.RECEIVED,
    RequestState.IDENTIFIED,
    RequestState.IN_PROGRESS,
    RequestState.DONE,
    RequestState.WITHDRAWN,
)

# From each state, the states a request may move to. Identity comes first (R2); a request in
# progress covers confirmed dossiers and goes back to "identified" when the last one is
# un-confirmed; answered and withdrawn requests are closed.
ALLOWED: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({IDENTIFIED, WITHDRAWN}),
    IDENTIFIED: frozenset({IN_PROGRESS, DONE, WITHDRAWN}),
    IN_PROGRESS: frozenset({IDENTIFIED, DONE, WITHDRAWN}),
    DONE: frozenset(),
    WITHDRAWN: frozenset(),
}


def may_move(subject_request, state: str) -> bool:
    return state == subject_request.state or state in ALLOWED[subject_request.state]


def refuse_closed(subject_request) -> None:
    if subject_request.is_closed:
        raise ValidationError(_("This request has been closed: it cannot be changed."))


def move_to(subject_request, state: str) -> None:
    """Set the state (the caller saves), refused unless the change is allowed."""
    refuse_closed(subject_request)
    if not may_move(subject_request, state):
        raise ValidationError(_("This step is not possible in the current state of the request."))
    subject_request.state = state
