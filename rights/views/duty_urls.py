"""Pages of the duty to inform (I1-I4) and the files' rights settings (I4, R3). No personal
data in a URL: duties and letters by their numbers, files by their key."""

from django.urls import path

from rights.views import duties, duties_actions, file_settings, file_settings_grounds

urlpatterns = [
    path("informatieplichten/", duties.DutyListView.as_view(), name="duty-list"),
    path("informatieplichten/<int:pk>/", duties.DutyDetailView.as_view(), name="duty-detail"),
    path(
        "informatieplichten/<int:pk>/uitstellen/",
        duties_actions.PostponeView.as_view(),
        name="duty-postpone",
    ),
    path(
        "informatieplichten/<int:pk>/grond-vervallen/",
        duties_actions.LiftView.as_view(),
        name="duty-lift",
    ),
    path(
        "informatieplichten/<int:pk>/geinformeerd/",
        duties_actions.InformedView.as_view(),
        name="duty-informed",
    ),
    path(
        "informatieplichten/<int:pk>/niet-nodig/",
        duties_actions.NotRequiredView.as_view(),
        name="duty-not-required",
    ),
    path(
        "informatieplichten/<int:pk>/brief/",
        duties_actions.LetterCreateView.as_view(),
        name="duty-letter",
    ),
    path(
        "informatieplichten/<int:pk>/brieven/<int:letter>/",
        duties_actions.LetterDownloadView.as_view(),
        name="letter-download",
    ),
    path(
        "informatieplichten/<int:pk>/brieven/<int:letter>/verzonden/",
        duties_actions.LetterSentView.as_view(),
        name="letter-sent",
    ),
    path("bestanden/", file_settings.FileSettingsListView.as_view(), name="file-settings-list"),
    path("bestanden/<int:pk>/", file_settings.FileSettingsView.as_view(), name="file-settings"),
    path(
        "bestanden/<int:pk>/voorbeeld/",
        file_settings.FileLetterPreviewView.as_view(),
        name="file-settings-preview",
    ),
    path("gronden/", file_settings_grounds.GroundListView.as_view(), name="grounds"),
    path(
        "gronden/<int:pk>/in-gebruik/",
        file_settings_grounds.GroundInUseView.as_view(),
        name="ground-in-use",
    ),
]
