"""API authentication of partner systems by a token the beheerder issued to their party (U5, S1).

`Authorization: Token <key>` or `Authorization: Bearer <key>`. The key is hashed and looked up
by its hash, so nothing is compared character by character and the key itself is never stored.
The request then acts as the token's service account: a deelnemer of the party, with that
party's rights only, decided again at every request by `IsVerifiedMember` (P5, P6).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from config.audit import set_request_actor
from parties import rights
from parties.models import ApiToken
from parties.services import hash_token_key

KEYWORDS = ("token", "bearer")
LAST_USED_RESOLUTION = timedelta(minutes=1)


def presented_key(request) -> str | None:
    """The key in the Authorization header, or None when the header names another scheme.
    Raises AuthenticationFailed for a token header without exactly one key."""
    parts = authentication.get_authorization_header(request).split()
    if not parts or parts[0].decode("latin-1").lower() not in KEYWORDS:
        return None
    if len(parts) != 2:
        raise exceptions.AuthenticationFailed(_("Invalid token header."))
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError as error:
        raise exceptions.AuthenticationFailed(_("Invalid token header.")) from error


def has_token_header(request) -> bool:
    """Whether the request names the token scheme; says nothing about the key's validity."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme = header.split(maxsplit=1)[0].lower() if header.strip() else ""
    return scheme in KEYWORDS


class PartyTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        key = presented_key(request)
        if key is None:
            return None
        token = (
            ApiToken.objects.select_related("account", "party")
            .filter(key_hash=hash_token_key(key))
            .first()
        )
        if token is None or token.is_revoked or not token.account.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token has expired: ask the beheerder for a new one.")
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            # A queryset update: no audit entry for every use, and no race on other fields.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        set_request_actor(token.account)
        rights.adopt(token.account)
        return token.account, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class PartyTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token in the OpenAPI document."""

    target_class = PartyTokenAuthentication
    name = "partyToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A token a beheerder issued to one party: `Authorization: Bearer <key>` "
                "(or `Token <key>`). It acts with that party's rights only."
            ),
        }
