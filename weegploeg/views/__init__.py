"""Pages of the i2o-weegploeg file (W1-W5, W7, P7). Thin: every read goes through
`weegploeg.selectors`, every change through `weegploeg.services`.

Casuspartijen and external partners see nothing of this file, not even that it exists: every
page answers 404 for them, never 403. A dossier page answers 404 to whoever may not see it, and
a change page to whoever may not keep it."""

from weegploeg.views.actions import (
    AgenderingView,
    AnalysisCreateView,
    CheckCreateView,
    DecisionCreateView,
    ExpertAdviceCreateView,
    InformationCreateView,
    ReopenView,
)
from weegploeg.views.assessments import (
    AssessmentAnalysisView,
    AssessmentDetailView,
    AssessmentHistoryView,
    AssessmentListView,
    AssessmentMeetingsView,
    AssessmentSignalsView,
    CheckQueueView,
)
from weegploeg.views.elsewhere import AssessmentCheckView
from weegploeg.views.framework import FrameworkCreateView, FrameworkListView
from weegploeg.views.intake import IntakeCheckView, IntakeView
from weegploeg.views.meetings import MeetingCreateView, MeetingDetailView, MeetingListView

__all__ = [
    "AgenderingView",
    "AnalysisCreateView",
    "AssessmentAnalysisView",
    "AssessmentCheckView",
    "AssessmentDetailView",
    "AssessmentHistoryView",
    "AssessmentMeetingsView",
    "AssessmentSignalsView",
    "AssessmentListView",
    "CheckCreateView",
    "CheckQueueView",
    "DecisionCreateView",
    "ExpertAdviceCreateView",
    "FrameworkCreateView",
    "FrameworkListView",
    "InformationCreateView",
    "IntakeCheckView",
    "IntakeView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingListView",
    "ReopenView",
]
