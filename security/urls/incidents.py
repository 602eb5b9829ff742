"""Pages of the incident register (S3), under /toezicht/incidenten/. Incidents by their number,
which names no person."""

from django.urls import path

from security.views import incidents as views

NUMBER = "incidenten/<str:number>/"

urlpatterns = [
    path("incidenten/", views.IncidentListView.as_view(), name="incident-list"),
    path("incidenten/melden/", views.ReportView.as_view(), name="incident-report"),
    path("incidenten/gemeld/<str:number>/", views.ReportedView.as_view(), name="incident-reported"),
    path(NUMBER, views.IncidentDetailView.as_view(), name="incident-detail"),
    path(f"{NUMBER}beoordelen/", views.AssessmentView.as_view(), name="incident-assess"),
    path(f"{NUMBER}melding/", views.NotificationView.as_view(), name="incident-notify"),
    path(f"{NUMBER}afsluiten/", views.CloseView.as_view(), name="incident-close"),
    path(f"{NUMBER}meldformulier/", views.ApExportView.as_view(), name="incident-ap-export"),
    path(f"{NUMBER}meldformulier.txt", views.ApTextView.as_view(), name="incident-ap-text"),
    path(f"{NUMBER}register.pdf", views.RegisterPdfView.as_view(), name="incident-pdf"),
]
