from django.urls import path

from elsewhere.peers import views

app_name = "peers"

urlpatterns = [
    path("", views.PeerListView.as_view(), name="list"),
    path("nieuw/", views.PeerAddView.as_view(), name="add"),
    path("log/", views.PeerChangeLogView.as_view(), name="log"),
    path("<int:pk>/wijzigen/", views.PeerChangeView.as_view(), name="change"),
    path("<int:pk>/deactiveren/", views.PeerDeactivateView.as_view(), name="deactivate"),
]
