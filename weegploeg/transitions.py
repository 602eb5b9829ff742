"""Every status change of the weegploeg file, as a table (ARCHITECTURE; STYLE 2).

An assessment is open until it is decided (W3, CTER 7.4), and a decided assessment changes only
after a recorded reopening. `transition()` is the one place that sets an assessment's status."""

from django.utils.translation import gettext_lazy as _

from subjects.transitions import Transition, Workflow
from weegploeg.constants import AssessmentStatus
from weegploeg.models import Assessment


def _decided(assessment: Assessment) -> bool:
    """The latest decision stands: it is recorded and not reopened."""
    decision = assessment.decisions.first()
    return decision is not None and decision.reopened_at is None


def _reopened(assessment: Assessment) -> bool:
    """The latest decision has a recorded reopening (who, when, why)."""
    decision = assessment.decisions.first()
    return decision is not None and decision.reopened_at is not None


ASSESSMENT = Workflow(
    model=Assessment,
    transitions=[
        Transition(
            AssessmentStatus.OPEN,
            AssessmentStatus.DECIDED,
            guard=_decided,
            refusal=_("Record the decision first."),
        ),
        Transition(
            AssessmentStatus.DECIDED,
            AssessmentStatus.OPEN,
            guard=_reopened,
            refusal=_("Record the reason for reopening first."),
        ),
    ],
    not_from={
        AssessmentStatus.OPEN: _("This assessment is not decided."),
        AssessmentStatus.DECIDED: _(
            "This assessment has been decided: reopen it first to change it."
        ),
    },
)


def transition(assessment: Assessment, to: str, *, by) -> Assessment:
    """Change the assessment's status as the table allows, or refuse (ValidationError)."""
    return ASSESSMENT.transition(assessment, to, by=by)
