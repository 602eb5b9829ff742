from django.urls import path

from parties import authorisation_views, views

app_name = "parties"

urlpatterns = [
    path("partijen/", views.PartyListView.as_view(), name="party-list"),
    path("partijen/nieuw/", views.PartyCreateView.as_view(), name="party-create"),
    path("partijen/<int:pk>/", views.PartyDetailView.as_view(), name="party-detail"),
    path("partijen/<int:pk>/wijzigen/", views.PartyUpdateView.as_view(), name="party-update"),
    path("partijen/<int:pk>/opzeggen/", views.PartyNoticeView.as_view(), name="party-notice"),
    path(
        "partijen/<int:pk>/verklaring/",
        views.DeclarationCreateView.as_view(),
        name="declaration-create",
    ),
    path(
        "partijen/<int:pk>/tokens/nieuw/",
        views.TokenIssueView.as_view(),
        name="token-issue",
    ),
    path(
        "partijen/<int:pk>/tokens/<int:token_pk>/intrekken/",
        views.TokenRevokeView.as_view(),
        name="token-revoke",
    ),
    path("gebruikers/", views.UserListView.as_view(), name="user-list"),
    path("gebruikers/nieuw/", views.UserCreateView.as_view(), name="user-create"),
    path("gebruikers/<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
    path(
        "gebruikers/<int:pk>/lidmaatschap/",
        views.MembershipGrantView.as_view(),
        name="membership-grant",
    ),
    path(
        "gebruikers/<int:pk>/functies/",
        views.FunctionsChangeView.as_view(),
        name="functions-change",
    ),
    path(
        "gebruikers/<int:pk>/intrekken/",
        views.MembershipRevokeView.as_view(),
        name="membership-revoke",
    ),
    *authorisation_views.urlpatterns,
    path("autorisatielog/", views.AuthorisationLogView.as_view(), name="authorisation-log"),
]
