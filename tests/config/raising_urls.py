"""The project's URLs plus two views that fail, for the tests of the 500 answers (U5)."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from config import urls

PERSONAL = "Piet Jansen, geboren 4 maart 2001"


class FailingApiView(APIView):
    def get(self, request):
        raise RuntimeError(f"unexpected state for {PERSONAL}")

    def post(self, request):  # pragma: no cover - never reached without a body
        return Response(request.data)


def failing_page(request):
    raise RuntimeError(f"unexpected state for {PERSONAL}")


urlpatterns = [
    path("api/v1/kapot", FailingApiView.as_view()),
    path("kapot/", failing_page),
    *urls.urlpatterns,
]
handler404 = urls.handler404
handler500 = urls.handler500
