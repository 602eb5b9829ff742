"""Dormant accounts are suspended (P4): an account without a sign-in for ACCOUNT_DORMANT_DAYS
(its last sign-in, or when it was made if it never signed in) is made inactive by beat, with an
AccountSuspension saying since when and why. Django refuses an inactive user at sign-in and ends
its sessions on their next request (the authentication backend no longer returns it).

Reinstating (the beheerder, with a reason) makes the account active again; if it then does not
sign in within ACCOUNT_REINSTATE_GRACE_DAYS, the next run suspends it again. The accounts of API
tokens (`parties.services.is_service_account`) never sign in and are never suspended."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.models import ApiToken, User
from security.models import AccountSuspension
from security.permissions import may_reinstate

DORMANT_REASON = "dormant"
GRACE_REASON = "not_used_after_reinstatement"


def reason_label(code: str) -> str:
    labels = {
        DORMANT_REASON: _("No sign-in for %(days)d days.")
        % {"days": settings.ACCOUNT_DORMANT_DAYS},
        GRACE_REASON: _("No sign-in within %(days)d days after reinstatement.")
        % {"days": settings.ACCOUNT_REINSTATE_GRACE_DAYS},
    }
    return labels.get(code, code)


def dormant_accounts(now=None):
    """Active accounts, not of an API token, whose last use (sign-in, creation, or latest
    reinstatement) lies more than ACCOUNT_DORMANT_DAYS back, or that were reinstated more than
    ACCOUNT_REINSTATE_GRACE_DAYS ago and have not signed in since."""
    now = now or timezone.now()
    dormant_before = now - timedelta(days=settings.ACCOUNT_DORMANT_DAYS)
    grace_before = now - timedelta(days=settings.ACCOUNT_REINSTATE_GRACE_DAYS)
    signed_in = Coalesce("last_login", "date_joined")
    return (
        User.objects.filter(is_active=True)
        .exclude(pk__in=ApiToken.objects.values("account"))
        .annotate(reinstated=Max("suspensions__reinstated_at"), signed_in=signed_in)
        .annotate(last_use=Greatest("signed_in", Coalesce("reinstated", "signed_in")))
        .filter(
            Q(last_use__lt=dormant_before)
            | Q(reinstated__lt=grace_before, signed_in__lt=F("reinstated"))
        )
    )


def suspend_dormant_accounts(now=None) -> list[AccountSuspension]:
    """P4 (beat, daily): suspend every dormant account, each in its own transaction. Decided
    from the database as of now: a second run finds nothing, a run after downtime catches up."""
    now = now or timezone.now()
    suspended = []
    for user in dormant_accounts(now).order_by("pk"):
        reason = GRACE_REASON if user.reinstated is not None else DORMANT_REASON
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            if not locked.is_active:
                continue
            locked.is_active = False
            locked.save(update_fields=["is_active"])
            suspended.append(
                AccountSuspension.objects.create(user=locked, since=now, reason=reason)
            )
    return suspended


def open_suspensions():
    return AccountSuspension.objects.filter(reinstated_at__isnull=True)


@transaction.atomic
def reinstate(suspension: AccountSuspension, *, by: User, reason: str) -> AccountSuspension:
    """The beheerder makes a suspended account active again, with a reason; the user must sign
    in within ACCOUNT_REINSTATE_GRACE_DAYS or is suspended again."""
    if not may_reinstate(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reinstating.")})
    suspension = AccountSuspension.objects.select_for_update().get(pk=suspension.pk)
    if not suspension.is_open:
        raise ValidationError(_("This account has already been reinstated."))
    if suspension.user_id == by.pk:
        raise ValidationError(_("You cannot reinstate your own account."))
    suspension.reinstated_by, suspension.reinstated_at = by, timezone.now()
    suspension.reinstate_reason = reason
    suspension.save(update_fields=["reinstated_by", "reinstated_at", "reinstate_reason"])
    user = User.objects.select_for_update().get(pk=suspension.user_id)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return suspension
