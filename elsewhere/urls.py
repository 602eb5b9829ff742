"""Pages of "bekend elders?" (K1). A check holds no personal data: its page is named by its pk."""

from django.urls import path

from elsewhere import views

app_name = "elsewhere"

urlpatterns = [
    path("controles/", views.CheckListView.as_view(), name="check-list"),
    path("controles/<int:pk>/", views.CheckDetailView.as_view(), name="check-detail"),
    path("grondslagen/", views.BasisListView.as_view(), name="basis-list"),
    path("grondslagen/<int:pk>/", views.BasisEditView.as_view(), name="basis-edit"),
    path(
        "grondslagen/<int:pk>/verwijderen/",
        views.BasisRemoveView.as_view(),
        name="basis-remove",
    ),
]
