"""The keeper's retention pages (B2-B6). No personal data in a URL: dossiers by their file
label and number, holds and files by their keys."""

from django.urls import path

from retention.views import dossier, overview, terms

urlpatterns = [
    path("", overview.OverviewView.as_view(), name="overview"),
    path("dossier/", overview.FindDossierView.as_view(), name="dossier-find"),
    path("dossiers/<str:file_label>/<str:key>/", dossier.DossierView.as_view(), name="dossier"),
    path(
        "dossiers/<str:file_label>/<str:key>/bewaarbesluit/",
        dossier.HoldCreateView.as_view(),
        name="hold-create",
    ),
    path(
        "dossiers/<str:file_label>/<str:key>/heractiveren/",
        dossier.ReactivateView.as_view(),
        name="reactivate",
    ),
    path("bewaarbesluiten/<int:pk>/beeindigen/", dossier.HoldEndView.as_view(), name="hold-end"),
    path("bestanden/<int:pk>/termijnen/", terms.TermsEditView.as_view(), name="terms-edit"),
]
