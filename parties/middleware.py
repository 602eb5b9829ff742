"""No page and no API endpoint without a verified second factor, except signing in (S4), and
nothing at all for a user whose party has left or lacks its declaration (P5, P6).

A partner system's API request with a token goes on to DRF, which checks the token
(`parties.authentication`) and, through `IsVerifiedMember`, the same P5 and P6 rules. A token
never opens a page: outside /api/ the header is ignored."""

from functools import lru_cache

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from config.api import API_PREFIX, plain_problem
from parties import rights
from parties.authentication import has_token_header
from parties.permissions import access_refusal

# RFC 9110: a 401 names the schemes that are accepted.
API_CHALLENGE = 'Bearer realm="api"'


def unauthenticated_api_problem():
    response = plain_problem(401, _("Not signed in."))
    response["WWW-Authenticate"] = API_CHALLENGE
    return response


@lru_cache(maxsize=8)
def _paths(prefix: str, urlconf: str) -> tuple[str, str, tuple[str, str, str]]:
    """The sign-in, sign-out and enrolment paths: reversed once per URL configuration and
    script prefix (issue 13), not on every request."""
    enrolment = (reverse("two_factor:setup"), reverse("two_factor:qr"))
    return (
        reverse("two_factor:login"),
        reverse("logout"),
        (*enrolment, reverse("two_factor:setup_complete")),
    )


class AccessMiddleware:
    # Reachable by anyone: static files, the language switch, the published API description.
    # The browser's own /favicon.ico request must not land on the sign-in page: showing it
    # restarts the sign-in wizard of that session.
    OPEN_PREFIXES = ("/static/", "/favicon.ico", "/i18n/", "/api/v1/openapi.json", "/healthz")
    # K2: the one endpoint that another installation calls, authenticated by mutual TLS (its
    # client certificate, checked by the view: `elsewhere.api.protocol`), never by a session
    # or token. Only this exact path and only POST: any other method is closed as ever.
    PEER_ENDPOINTS = (("POST", "/api/v1/bekend-elders/vragen"),)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Issue 13: the rights of the request's user are read once, for this request only.
        with rights.request_scope():
            return self._respond(request)

    def _respond(self, request):
        path = request.path_info
        if path.startswith(self.OPEN_PREFIXES) or (request.method, path) in self.PEER_ENDPOINTS:
            return self.get_response(request)
        sign_in, sign_out, enrolment = _paths(
            get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)
        )
        is_api = path.startswith(API_PREFIX)
        if is_api and has_token_header(request):
            return self.get_response(request)
        user = request.user

        if not user.is_authenticated:
            if path == sign_in:
                return self.get_response(request)
            if is_api:
                return unauthenticated_api_problem()
            return redirect_to_login(request.get_full_path(), sign_in)

        if not user.is_verified():
            if path in (sign_in, sign_out):
                return self.get_response(request)
            has_device = user_has_device(user, confirmed=True)
            if not has_device and path in enrolment:
                # First sign-in: the password is known, the second factor is enrolled now.
                return self.get_response(request)
            if is_api:
                return plain_problem(403, _("Signing in with a second factor is required."))
            if has_device:
                # A password alone never reaches anything, nor adds another device.
                logout(request)
                return redirect_to_login(request.get_full_path(), sign_in)
            return redirect(enrolment[0])

        rights.adopt(user)
        refusal = access_refusal(user)
        if refusal is not None and path not in (sign_out, *enrolment):
            if is_api:
                return plain_problem(403, str(refusal.label))
            return TemplateResponse(
                request, "parties/no_access.html", {"refusal": refusal}, status=403
            ).render()
        return self.get_response(request)
