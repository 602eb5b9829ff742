from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.http import HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter
from two_factor.views import QRGeneratorView, SetupCompleteView

from cases import api as cases_api
from config import navigation
from config.admin_site import restrict_admin_to_beheerders
from parties import api as parties_api
from parties.signin import EnrolView, SignInView
from parties.views import DashboardPanelView, DashboardView
from rights import api as rights_api
from weegploeg import api as weegploeg_api

restrict_admin_to_beheerders(admin.site)
navigation.register()

# Only sign-in and enrolment of django-two-factor-auth: its pages to disable the second factor
# or manage phones are not offered (S4: every user has a second factor).
two_factor_patterns = (
    [
        path("account/login/", SignInView.as_view(), name="login"),
        path("account/two_factor/setup/", EnrolView.as_view(), name="setup"),
        path("account/two_factor/qrcode/", QRGeneratorView.as_view(), name="qr"),
        path(
            "account/two_factor/setup/complete/",
            SetupCompleteView.as_view(),
            name="setup_complete",
        ),
    ],
    "two_factor",
)

api_router = SimpleRouter(trailing_slash=False)
api_router.register("veiligheidshuizen", parties_api.VeiligheidshuisViewSet)
api_router.register("partijen", parties_api.PartyViewSet)
api_router.register("wegingen", weegploeg_api.AssessmentViewSet)
api_router.register("signalen", weegploeg_api.SignalViewSet)
api_router.register("analyses", weegploeg_api.AnalysisViewSet)
api_router.register("beslissingen", weegploeg_api.DecisionViewSet)
api_router.register("overleggen", weegploeg_api.MeetingViewSet)
api_router.register("agenderingen", weegploeg_api.CaseTransferViewSet)
api_router.register("casusoverleggen", cases_api.CasusOverlegViewSet)
api_router.register("casussen", cases_api.CaseViewSet)
api_router.register("maatregelen", cases_api.MeasureViewSet)
api_router.register("bijeenkomsten", cases_api.MeetingViewSet)
api_router.register("verstrekkingen", cases_api.DisclosureViewSet)
for route in rights_api.ROUTES:  # (prefix, viewset[, basename])
    api_router.register(*route)

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("overzicht/<slug:key>/", DashboardPanelView.as_view(), name="dashboard-panel"),
    path("", include(two_factor_patterns)),
    path("account/logout/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", include("parties.urls")),
    path("weegploeg/", include("weegploeg.urls")),
    path("casussen/", include("cases.urls")),
    path("rechten/", include("rights.urls")),
    path("bewaren/", include("retention.urls")),
    path("toezicht/", include("security.urls")),
    path("stuurinformatie/", include("insights.urls")),
    path("bekend-elders/installaties/", include("elsewhere.peers.urls")),
    path("bekend-elders/", include("elsewhere.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("api/v1/gebruikers/mij", parties_api.CurrentUserView.as_view(), name="current-user"),
    path("api/v1/", include("elsewhere.api.urls")),
    path("api/v1/", include(api_router.urls)),
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain")),
]

handler404 = "config.api.not_found"
handler500 = "config.db_errors.server_error"
