"""Management information (U6) and the register of processing activities (AVG 30)."""

from django.urls import path

from config.routers import on_replica
from insights import views

app_name = "insights"

urlpatterns: list = [
    path("", views.FiguresView.as_view(), name="figures"),
    path("csv", views.FiguresCsvView.as_view(), name="figures-csv"),
    path("bijwerken", views.RecomputeView.as_view(), name="recompute"),
    path("verwerkingsregister/", views.RegisterView.as_view(), name="register"),
    # The URI of one processing activity (one parties.DataFile): the Logboek Dataverwerkingen
    # export of the access log names it (S2).
    path(
        "verwerkingsregister/<int:pk>",
        views.ProcessingActivityView.as_view(),
        name="processing-activity",
    ),
    path(
        "verwerkingsregister.csv",
        views.RegisterExportView.as_view(suffix="csv"),
        name="register-csv",
    ),
    path(
        "verwerkingsregister.pdf",
        views.RegisterExportView.as_view(suffix="pdf"),
        name="register-pdf",
    ),
]
# Read from the database's replica when there is one (config/routers.py).
urlpatterns = on_replica(urlpatterns)
