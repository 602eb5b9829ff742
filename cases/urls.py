"""Pages of the ICO files. Cases are named by their number, never by personal data."""

from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case-list"),
    path("overleggen/", views.MeetingListView.as_view(), name="meeting-list"),
    path("overleggen/nieuw/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("overleggen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("verstrekkingen/", views.DisclosureListView.as_view(), name="disclosure-list"),
    path(
        "verstrekkingen/<int:pk>/",
        views.DisclosureDetailView.as_view(),
        name="disclosure-detail",
    ),
    path("dossiers/<str:number>/", views.part_view("overview"), name="case-detail"),
    path("dossiers/<str:number>/plan/", views.part_view("plan"), name="case-plan"),
    path("dossiers/<str:number>/overleggen/", views.part_view("meetings"), name="case-meetings"),
    path("dossiers/<str:number>/personen/", views.part_view("people"), name="case-people"),
    path(
        "dossiers/<str:number>/verstrekkingen/",
        views.part_view("disclosures"),
        name="case-disclosures",
    ),
    path("dossiers/<str:number>/geschiedenis/", views.part_view("history"), name="case-history"),
    path(
        "dossiers/<str:number>/bekend-elders/",
        views.CaseCheckView.as_view(),
        name="case-known-elsewhere",
    ),
    path(
        "dossiers/<str:number>/deelnemer/",
        views.ParticipantCreateView.as_view(),
        name="participant-create",
    ),
    path("dossiers/<str:number>/doelen/", views.GoalsView.as_view(), name="goals"),
    path(
        "dossiers/<str:number>/maatregel/",
        views.MeasureCreateView.as_view(),
        name="measure-create",
    ),
    path(
        "dossiers/<str:number>/maatregelen/<int:pk>/voortgang/",
        views.ProgressCreateView.as_view(),
        name="progress-create",
    ),
    path(
        "dossiers/<str:number>/maatregelen/<int:pk>/status/",
        views.MeasureStatusView.as_view(),
        name="measure-status",
    ),
    path(
        "dossiers/<str:number>/betrokkene/",
        views.RelatedPersonCreateView.as_view(),
        name="related-create",
    ),
    path(
        "dossiers/<str:number>/afsluitadvies/",
        views.AdviseClosingView.as_view(),
        name="advise-closing",
    ),
    path("dossiers/<str:number>/afsluiten/", views.DecideClosingView.as_view(), name="close"),
    path("dossiers/<str:number>/heropenen/", views.ReopenView.as_view(), name="reopen"),
    path("dossiers/<str:number>/controle/", views.CheckCreateView.as_view(), name="check-create"),
    path(
        "dossiers/<str:number>/verstrekking/",
        views.DisclosureCreateView.as_view(),
        name="disclosure-create",
    ),
    path("dossiers/<str:number>/export/", views.ExportCreateView.as_view(), name="export-create"),
    path("dossiers/<str:number>/kopie/", views.CopyView.as_view(), name="copy-create"),
]
