"""Pages of the access-log review (S2); see security/urls/__init__.py. Paths name a dossier by
its file and number, a review by its Veiligheidshuis' code and period: no personal data."""

from django.urls import path

from security.views import access_log as views

urlpatterns: list = [
    path("toegangslog/", views.AccessLogView.as_view(), name="access-log"),
    path(
        "toegangslog/dossiers/<str:file_label>/<str:key>",
        views.DossierTrailView.as_view(),
        name="access-log-trail",
    ),
    path("toegangslog/beoordelingen/", views.ReviewListView.as_view(), name="access-reviews"),
    path(
        "toegangslog/beoordelingen/<slug:region>/<str:start>/aftekenen",
        views.SignOffView.as_view(),
        name="access-review-sign-off",
    ),
]
