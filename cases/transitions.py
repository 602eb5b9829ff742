"""Every status change of the ICO files, as tables: one for cases, one for the measures of their
plans (ARCHITECTURE; STYLE 2). `transition()` is the one place that sets either status.

A case is active until the driehoek decides to close it (C5, VH 20.2); a closed case is active
again only after a recorded reopening (VH 15.2); an active or closed case goes to the non-active
archive (B3), which the retention sweep does without a person."""

from django.utils.translation import gettext_lazy as _

from cases.constants import CaseStatus, MeasureStatus
from cases.models import Case, Measure
from subjects.transitions import Transition, Workflow


def _closing_decided(case: Case) -> bool:
    """A decision to close is recorded and not reopened."""
    return case.closings.filter(decided_on__isnull=False, reopened_at__isnull=True).exists()


def _closing_reopened(case: Case) -> bool:
    """Every decision to close has a recorded reopening."""
    return case.closings.filter(decided_on__isnull=False).exists() and not _closing_decided(case)


CASE = Workflow(
    model=Case,
    transitions=[
        Transition(
            CaseStatus.ACTIVE,
            CaseStatus.CLOSED,
            guard=_closing_decided,
            refusal=_("Record the decision to close first."),
        ),
        Transition(
            CaseStatus.CLOSED,
            CaseStatus.ACTIVE,
            guard=_closing_reopened,
            refusal=_("Record the reason for reopening first."),
        ),
        Transition(CaseStatus.ACTIVE, CaseStatus.ARCHIVED, by_system=True),
        Transition(CaseStatus.CLOSED, CaseStatus.ARCHIVED, by_system=True),
        # B5, CTER 13.3: made available again on the controller's instruction, in the status
        # it had before archiving.
        Transition(
            CaseStatus.ARCHIVED,
            CaseStatus.ACTIVE,
            guard=lambda case: not _closing_decided(case),
            refusal=_("A case closed before it was archived is made available again as closed."),
            by_system=True,
        ),
        Transition(CaseStatus.ARCHIVED, CaseStatus.CLOSED, guard=_closing_decided, by_system=True),
    ],
    not_from={
        CaseStatus.ACTIVE: _("Only a closed case is reopened."),
        CaseStatus.CLOSED: _("Only an active case is closed."),
        CaseStatus.ARCHIVED: _("This case is archived already."),
    },
)

# A measure is planned, in progress, done or cancelled (C3, CTER 9.4); a finished measure is
# taken up again rather than planned anew.
MEASURE = Workflow(
    model=Measure,
    error_field="status",
    transitions=[
        Transition(MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS),
        Transition(MeasureStatus.PLANNED, MeasureStatus.DONE),
        Transition(MeasureStatus.PLANNED, MeasureStatus.CANCELLED),
        Transition(MeasureStatus.IN_PROGRESS, MeasureStatus.DONE),
        Transition(MeasureStatus.IN_PROGRESS, MeasureStatus.CANCELLED),
        Transition(MeasureStatus.DONE, MeasureStatus.IN_PROGRESS),
        Transition(MeasureStatus.CANCELLED, MeasureStatus.PLANNED),
    ],
)

WORKFLOWS = {Case: CASE, Measure: MEASURE}


def transition(obj: Case | Measure, to: str, *, by):
    """Change the status of a case or a measure as its table allows, or refuse
    (ValidationError)."""
    return WORKFLOWS[type(obj)].transition(obj, to, by=by)
