"""The pages of the request screen (R1-R3, U3) under /rechten/."""

from django.urls import path

from rights.views import officers, requests, requests_steps

ONE = "verzoeken/<str:number>/"

urlpatterns = [
    path("verzoeken/", requests.RequestListView.as_view(), name="request-list"),
    path("verzoeken/nieuw/", requests.IntakeView.as_view(), name="request-create"),
    path(ONE, requests.RequestDetailView.as_view(), name="request-detail"),
    path(f"{ONE}identiteit/", requests_steps.IdentityView.as_view(), name="request-identity"),
    path(f"{ONE}zoeken/", requests_steps.CandidatesView.as_view(), name="request-candidates"),
    path(f"{ONE}bevestigen/", requests_steps.ConfirmDossierView.as_view(), name="request-confirm"),
    path(
        f"{ONE}dossiers/<str:file_label>/<str:dossier_key>/terugnemen/",
        requests_steps.UnconfirmDossierView.as_view(),
        name="request-unconfirm",
    ),
    path(f"{ONE}verlengen/", requests_steps.ExtensionView.as_view(), name="request-extend"),
    path(f"{ONE}brieven/<int:pk>/", requests_steps.LetterView.as_view(), name="request-letter"),
    path(
        f"{ONE}brieven/<int:pk>/verzonden/",
        requests_steps.LetterSentView.as_view(),
        name="request-letter-sent",
    ),
    path(f"{ONE}afgerond/", requests_steps.AnsweredView.as_view(), name="request-answered"),
    path(f"{ONE}ingetrokken/", requests_steps.WithdrawnView.as_view(), name="request-withdrawn"),
    path("functionarissen/", officers.OfficerListView.as_view(), name="request-officers"),
    path(
        "functionarissen/<int:pk>/beeindigen/",
        officers.EndOfficerView.as_view(),
        name="request-officer-end",
    ),
]
