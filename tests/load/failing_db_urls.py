"""The project's URLs plus views that meet a database out of reach, for the tests of the 503
answers (issue 13: PostgreSQL restarted under load)."""

from django.db import InterfaceError, OperationalError
from django.urls import path
from rest_framework.views import APIView

from config import urls

# What psycopg says when the server is gone; the answer and the log must show none of it.
MESSAGE = 'connection to server at "10.0.0.5", port 5432 failed: Connection refused'


class UnreachableApiView(APIView):
    def get(self, request):
        raise OperationalError(MESSAGE)


def unreachable_page(request):
    raise OperationalError(MESSAGE)


def closed_connection_page(request):
    raise InterfaceError("connection already closed")


def broken_page(request):
    raise RuntimeError("not the database")


urlpatterns = [
    path("api/v1/onbereikbaar", UnreachableApiView.as_view(), name="unreachable-api"),
    path("onbereikbaar/", unreachable_page, name="unreachable-page"),
    path("gesloten/", closed_connection_page, name="closed-page"),
    path("kapot/", broken_page, name="broken-page"),
    *urls.urlpatterns,
]
handler404 = urls.handler404
handler500 = urls.handler500
