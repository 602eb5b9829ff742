"""What every service of parties does: require a reason, and record the change (P3)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parties.models import AuthorisationChange


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this change.")})
    return reason


def _record(action, *, by, party, reason, user=None, before=(), after=(), file=None, level=""):
    return AuthorisationChange.objects.create(
        actor=by,
        action=action,
        party=party,
        user=user,
        file=file,
        level=level,
        functions_before=sorted(before),
        functions_after=sorted(after),
        reason=reason,
    )
