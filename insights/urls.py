"""Management information (U6) and the register of processing activities (AVG 30)."""

from django.http import Http404
from django.urls import path


def _not_yet(request, pk):  # replaced by the register's page (issue 11, insights helper)
    raise Http404


app_name = "insights"

urlpatterns: list = [
    # The URI of one processing activity (one parties.DataFile): the Logboek Dataverwerkingen
    # export of the access log names it (S2).
    path("verwerkingsregister/<int:pk>", _not_yet, name="processing-activity"),
]
