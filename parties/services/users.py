"""Users and the membership of their party, with its functions (P2, P3)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import WORKING_FUNCTIONS, AuthorisationAction, Function
from parties.models import ApiToken, FunctionGrant, Membership, Party, User
from parties.services.common import _record, _require_reason
from parties.services.files import _end_authorisations
from parties.services.sync import sync_user_groups


def _clean_functions(functions: Iterable[str]) -> set[str]:
    chosen = set(functions)
    unknown = chosen - set(Function.values)
    if unknown:
        raise ValidationError({"functions": _("Unknown function.")})
    if not chosen:
        raise ValidationError({"functions": _("Choose at least one function.")})
    return chosen


@transaction.atomic
def create_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    party: Party,
    functions: Iterable[str],
    by: User | None,
    reason: str,
) -> User:
    """A new user with a first password; the second factor is enrolled at first sign-in (S4)."""
    from django.contrib.auth.password_validation import validate_password

    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    user.set_password(password)
    user.save()
    grant_membership(user, party=party, functions=functions, by=by, reason=reason)
    return user


def is_service_account(user: User) -> bool:
    return ApiToken.objects.filter(account=user).exists()


def _refuse_service_account(user: User) -> None:
    if is_service_account(user):
        raise ValidationError(
            _("This is the account of an API token: it changes only with its token.")
        )


@transaction.atomic
def grant_membership(
    user: User, *, party: Party, functions: Iterable[str], by: User | None, reason: str
) -> Membership:
    _refuse_service_account(user)
    return _grant_membership(user, party=party, functions=functions, by=by, reason=reason)


def _grant_membership(user, *, party, functions, by, reason) -> Membership:
    reason = _require_reason(reason)
    chosen = _clean_functions(functions)
    if Membership.objects.filter(user=user, ended_on__isnull=True).exists():
        raise ValidationError(_("This user already acts on behalf of a party."))
    Membership.objects.filter(user=user).delete()  # an ended one makes way for the new
    membership = Membership.objects.create(user=user, party=party, started_on=timezone.localdate())
    for code in sorted(chosen):
        FunctionGrant.objects.create(membership=membership, function=code)
    _record(
        AuthorisationAction.MEMBERSHIP_GRANTED,
        by=by,
        party=party,
        user=user,
        after=chosen,
        reason=reason,
    )
    user.refresh_from_db()
    sync_user_groups(user)
    return membership


@transaction.atomic
def change_functions(
    membership: Membership, *, functions: Iterable[str], by: User, reason: str
) -> Membership:
    reason = _require_reason(reason)
    _refuse_service_account(membership.user)
    chosen = _clean_functions(functions)
    if membership.is_ended:
        raise ValidationError(_("This membership has ended."))
    before = set(membership.function_codes())
    if before == chosen:
        raise ValidationError({"functions": _("The functions have not changed.")})
    for grant in membership.functions.exclude(function__in=chosen):
        grant.delete()  # one by one, so the audit log sees each
    for code in sorted(chosen - before):
        FunctionGrant.objects.create(membership=membership, function=code)
    _record(
        AuthorisationAction.FUNCTIONS_CHANGED,
        by=by,
        party=membership.party,
        user=membership.user,
        before=before,
        after=chosen,
        reason=reason,
    )
    membership = Membership.objects.get(pk=membership.pk)
    if not chosen & WORKING_FUNCTIONS:
        _end_authorisations(membership, by=by, reason=reason)
    sync_user_groups(membership.user)
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, by: User, reason: str) -> Membership:
    _refuse_service_account(membership.user)
    return _revoke_membership(membership, by=by, reason=reason)


def _revoke_membership(membership: Membership, *, by: User, reason: str) -> Membership:
    reason = _require_reason(reason)
    if membership.is_ended:
        raise ValidationError(_("This membership has already ended."))
    if membership.user_id == getattr(by, "pk", None):
        raise ValidationError(_("You cannot revoke your own access."))
    before = set(membership.function_codes())
    membership.ended_on = timezone.localdate()
    membership.save(update_fields=["ended_on"])
    _record(
        AuthorisationAction.MEMBERSHIP_REVOKED,
        by=by,
        party=membership.party,
        user=membership.user,
        before=before,
        reason=reason,
    )
    _end_authorisations(membership, by=by, reason=reason)
    sync_user_groups(membership.user)
    return membership
