"""Pages of the ICO files of the casusoverleggen (C1-C7, C9, C12, S1, S2, P6, U2). Thin: every
read goes through `cases.selectors`, every change through the services.

Whoever may not see a case gets 404, never 403; a change page answers 404 to whoever may not
keep the case. An external partner sees no case at all: only what was disclosed to it (C6)."""

from cases.views.actions import (
    AdviseClosingView,
    CheckCreateView,
    CopyView,
    DecideClosingView,
    GoalsView,
    MeasureCreateView,
    MeasureStatusView,
    ParticipantCreateView,
    ProgressCreateView,
    RelatedPersonCreateView,
    ReopenView,
)
from cases.views.cases import CaseDetailView, CaseListView, part_view
from cases.views.disclosures import (
    DisclosureCreateView,
    DisclosureDetailView,
    DisclosureListView,
    ExportCreateView,
)
from cases.views.elsewhere import CaseCheckView
from cases.views.meetings import MeetingCreateView, MeetingDetailView, MeetingListView

__all__ = [
    "CaseCheckView",
    "AdviseClosingView",
    "CaseDetailView",
    "CaseListView",
    "CheckCreateView",
    "CopyView",
    "DecideClosingView",
    "DisclosureCreateView",
    "DisclosureDetailView",
    "DisclosureListView",
    "ExportCreateView",
    "GoalsView",
    "MeasureCreateView",
    "MeasureStatusView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingListView",
    "ParticipantCreateView",
    "ProgressCreateView",
    "RelatedPersonCreateView",
    "ReopenView",
    "part_view",
]
