"""Pages of the beheerder (P1-P3, P5, P6) and the dashboard (U1, U2). Thin: every change is a
call to `parties.services`."""

from parties.views.dashboard import DashboardPanelView, DashboardView
from parties.views.parties import (
    DeclarationCreateView,
    PartyCreateView,
    PartyDetailView,
    PartyListView,
    PartyNoticeView,
    PartyUpdateView,
)
from parties.views.tokens import TokenIssueView, TokenRevokeView
from parties.views.users import (
    AuthorisationLogView,
    FunctionsChangeView,
    MembershipGrantView,
    MembershipRevokeView,
    UserCreateView,
    UserDetailView,
    UserListView,
)

__all__ = [
    "AuthorisationLogView",
    "DashboardPanelView",
    "DashboardView",
    "DeclarationCreateView",
    "FunctionsChangeView",
    "MembershipGrantView",
    "MembershipRevokeView",
    "PartyCreateView",
    "PartyDetailView",
    "PartyListView",
    "PartyNoticeView",
    "PartyUpdateView",
    "TokenIssueView",
    "TokenRevokeView",
    "UserCreateView",
    "UserDetailView",
    "UserListView",
]
