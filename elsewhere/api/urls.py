from django.urls import path

from elsewhere.api.views import QuestionView

# Under /api/v1/ (config/urls.py). Open to peers by mutual TLS only: the one exemption from
# the sign-in of parties.middleware.AccessMiddleware (PEER_ENDPOINTS).
urlpatterns = [
    path("bekend-elders/vragen", QuestionView.as_view(), name="known-elsewhere-questions"),
]
