"""The destruction reports of a batch (B8), under /bewaren/."""

from django.urls import path

from retention.views import reports

urlpatterns = [
    path(
        "vernietigingen/<int:pk>/rapport.pdf",
        reports.ReportPdfView.as_view(),
        name="destruction-report-pdf",
    ),
    path(
        "vernietigingen/<int:pk>/rapport.csv",
        reports.ReportCsvView.as_view(),
        name="destruction-report-csv",
    ),
]
