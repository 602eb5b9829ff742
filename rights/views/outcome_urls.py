"""Pages of a request's outcomes (R4-R7, U3), under /rechten/verzoeken/<number>/."""

from django.urls import path

from rights.views import outcome_actions as actions
from rights.views import outcome_pages as pages
from rights.views.outcomes import OutcomesView

PREFIX = "verzoeken/<str:number>/"

urlpatterns = [
    path(PREFIX + "uitkomsten/", OutcomesView.as_view(), name="outcomes"),
    path(PREFIX + "overzicht/", pages.OverviewView.as_view(), name="outcome-overview"),
    path(PREFIX + "overzicht.json", pages.OverviewJsonView.as_view(), name="outcome-json"),
    path(PREFIX + "brieven/<int:pk>/pdf", pages.LetterPdfView.as_view(), name="outcome-letter"),
    path(PREFIX + "beperking/", actions.WithholdView.as_view(), name="outcome-withhold"),
    path(
        PREFIX + "beperking/<int:pk>/intrekken/",
        actions.WithdrawView.as_view(),
        name="outcome-withdraw",
    ),
    path(
        PREFIX + "weigeringsbrief/",
        actions.RefusalLetterView.as_view(),
        name="outcome-refusal-letter",
    ),
    path(
        PREFIX + "wijzigingen/<slug:action>/", actions.ChangeView.as_view(), name="outcome-change"
    ),
    path(
        PREFIX + "kennisgevingen/<int:pk>/verzonden/",
        actions.NoticeSentView.as_view(),
        name="outcome-notice-sent",
    ),
    path(PREFIX + "verzet/", actions.ObjectionView.as_view(), name="outcome-objection"),
]
