"""Pages of the weegploeg file. Dossiers are named by their number, never by personal data."""

from django.urls import path

from weegploeg import views

app_name = "weegploeg"

urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="assessment-list"),
    path("signalen/nieuw/", views.IntakeView.as_view(), name="signal-create"),
    # K1: the typed person goes by POST only.
    path(
        "signalen/nieuw/bekend-elders/",
        views.IntakeCheckView.as_view(),
        name="signal-known-elsewhere",
    ),
    path("dossiers/<str:number>/", views.AssessmentDetailView.as_view(), name="assessment-detail"),
    path(
        "dossiers/<str:number>/signalen/",
        views.AssessmentSignalsView.as_view(),
        name="assessment-signals",
    ),
    path(
        "dossiers/<str:number>/analyse-en-besluit/",
        views.AssessmentAnalysisView.as_view(),
        name="assessment-analysis",
    ),
    path(
        "dossiers/<str:number>/overleggen/",
        views.AssessmentMeetingsView.as_view(),
        name="assessment-meetings",
    ),
    path(
        "dossiers/<str:number>/geschiedenis/",
        views.AssessmentHistoryView.as_view(),
        name="assessment-history",
    ),
    path(
        "dossiers/<str:number>/analyse/",
        views.AnalysisCreateView.as_view(),
        name="analysis-create",
    ),
    path(
        "dossiers/<str:number>/informatie/",
        views.InformationCreateView.as_view(),
        name="information-create",
    ),
    path(
        "dossiers/<str:number>/expertadvies/",
        views.ExpertAdviceCreateView.as_view(),
        name="advice-create",
    ),
    path(
        "dossiers/<str:number>/besluit/",
        views.DecisionCreateView.as_view(),
        name="decision-create",
    ),
    path("dossiers/<str:number>/agenderen/", views.AgenderingView.as_view(), name="agendering"),
    path(
        "dossiers/<str:number>/bekend-elders/",
        views.AssessmentCheckView.as_view(),
        name="assessment-known-elsewhere",
    ),
    path("dossiers/<str:number>/heropenen/", views.ReopenView.as_view(), name="reopen"),
    path("dossiers/<str:number>/controle/", views.CheckCreateView.as_view(), name="check-create"),
    path("controles/", views.CheckQueueView.as_view(), name="check-queue"),
    path("referentiekader/", views.FrameworkListView.as_view(), name="framework-list"),
    path("referentiekader/nieuw/", views.FrameworkCreateView.as_view(), name="framework-create"),
    path("overleggen/", views.MeetingListView.as_view(), name="meeting-list"),
    path("overleggen/nieuw/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("overleggen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
]
