"""The i2o-weegploeg file (CTER 7, 8): kept apart from every ICO file (W4, CTER 8.1).

No model shows personal data in `__str__`: dossiers are named by their number.

One module per area; every model is imported here, in the order it was declared, so
`from weegploeg.models import Assessment` and Django's app loading see them all.
"""

# isort: off
# In declaration order: Django registers the models, and orders their reverse relations, as
# they are imported.
from weegploeg.models.framework import Criterion, FrameworkVersion
from weegploeg.models.assessment import (
    Assessment,
    AssessmentGroupPermission,
    Signal,
)
from weegploeg.models.analysis import (
    AdditionalInformation,
    Analysis,
    CriterionFinding,
    Decision,
    ExpertAdvice,
)
from weegploeg.models.meetings import AgendaItem, Meeting, MeetingSight
from weegploeg.models.checks import Check
from weegploeg.models.transfers import CaseTransfer

# isort: on

__all__ = [
    "FrameworkVersion",
    "Criterion",
    "Assessment",
    "AssessmentGroupPermission",
    "Signal",
    "Analysis",
    "CriterionFinding",
    "AdditionalInformation",
    "ExpertAdvice",
    "Decision",
    "Meeting",
    "AgendaItem",
    "MeetingSight",
    "Check",
    "CaseTransfer",
]
