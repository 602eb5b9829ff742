"""Pages of the authorisation reviews (P4) and the suspended accounts; see
security/urls/__init__.py."""

from django.urls import path

from security.views import authorisation_reviews as views

urlpatterns: list = [
    path("autorisatiereviews/", views.ReviewListView.as_view(), name="review-list"),
    path("autorisatiereviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("geschorste-accounts/", views.SuspensionListView.as_view(), name="suspensions"),
    path(
        "geschorste-accounts/<int:pk>/herstellen/",
        views.ReinstateView.as_view(),
        name="suspension-reinstate",
    ),
]
