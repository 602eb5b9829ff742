"""API tokens of partner systems: issued and revoked (U5, S1)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import AuthorisationAction, Function
from parties.models import ApiToken, Membership, Party, User
from parties.services.common import _record, _require_reason
from parties.services.sync import sync_user_groups
from parties.services.users import _grant_membership, _revoke_membership

TOKEN_PREFIX_LENGTH = 8


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key() -> tuple[str, str]:
    """A fresh key (64 characters, 384 random bits) and its prefix."""
    key = secrets.token_urlsafe(48)
    return key, key[:TOKEN_PREFIX_LENGTH]


@transaction.atomic
def issue_token(party: Party, *, name: str, by: User, reason: str) -> tuple[ApiToken, str]:
    """A token for a partner system of `party`. Returns the token and its key: the key is not
    stored, only its hash, so this is the one moment it can be shown."""
    reason = _require_reason(reason)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the system that will use this token.")})
    today = timezone.localdate()
    if party.left_on is not None and party.left_on <= today:
        raise ValidationError(_("This party no longer takes part: it cannot get a token."))
    while True:
        key, prefix = _new_key()
        username = f"api-{party.pk}-{prefix.lower()}"
        if not User.objects.filter(username__iexact=username).exists():
            break
    account = User(username=username)
    account.set_unusable_password()
    account.full_clean(exclude=["password"])
    account.save()
    _grant_membership(account, party=party, functions=[Function.DEELNEMER], by=by, reason=reason)
    token = ApiToken(
        party=party,
        name=name,
        key_prefix=prefix,
        key_hash=hash_token_key(key),
        account=account,
        created_by=by,
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    token.full_clean()
    token.save()
    _record(
        AuthorisationAction.TOKEN_ISSUED,
        by=by,
        party=party,
        user=account,
        after=[Function.DEELNEMER],
        reason=reason,
    )
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User, reason: str) -> ApiToken:
    """The token stops working at once; its service account loses its membership and groups."""
    reason = _require_reason(reason)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.is_revoked:
        raise ValidationError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])
    membership = Membership.objects.filter(user=token.account, ended_on__isnull=True).first()
    before = set(membership.function_codes()) if membership else set()
    if membership is not None:
        _revoke_membership(membership, by=by, reason=reason)
    else:
        sync_user_groups(token.account)
    _record(
        AuthorisationAction.TOKEN_REVOKED,
        by=by,
        party=token.party,
        user=token.account,
        before=before,
        reason=reason,
    )
    return token
