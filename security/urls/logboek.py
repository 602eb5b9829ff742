"""Pages of logboek; see security/urls/__init__.py."""

from django.urls import path

from security.views.logboek import LogboekView

urlpatterns: list = [
    path("logboek/", LogboekView.as_view(), name="logboek"),
]
