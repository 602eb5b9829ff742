"""Pages of the policy evaluation (S5); see security/urls/__init__.py."""

from django.urls import path

from security.views import policy as views

urlpatterns: list = [
    path("beleidsevaluaties/", views.PolicyListView.as_view(), name="policy-list"),
    path("beleidsevaluaties/nieuw/", views.PolicyCreateView.as_view(), name="policy-create"),
]
