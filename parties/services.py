"""Every change to parties, memberships and functions (P1-P3, P5, P6).

Each function checks its rule, writes in one transaction, records an AuthorisationChange with
who, when, what and why, and leaves the users' groups right.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.concurrency import claim_version
from parties import groups
from parties.constants import (
    NOTICE_PERIOD_MONTHS,
    WORKING_FUNCTIONS,
    AccessLevel,
    AuthorisationAction,
    FileKind,
    Function,
    PartyKind,
    PartyRole,
    default_role,
)
from parties.models import (
    ApiToken,
    AuthorisationChange,
    ConfidentialityDeclaration,
    DataFile,
    FileAuthorisation,
    FunctionGrant,
    Membership,
    Party,
    User,
    Veiligheidshuis,
)
from parties.permissions import access_refusal, is_beheerder, may_act, membership_of


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


def _clean_functions(functions: Iterable[str]) -> set[str]:
    chosen = set(functions)
    unknown = chosen - set(Function.values)
    if unknown:
        raise ValidationError({"functions": _("Unknown function.")})
    if not chosen:
        raise ValidationError({"functions": _("Choose at least one function.")})
    return chosen


# --- groups -----------------------------------------------------------------------------------


def _file_groups_of(user: User, membership: Membership) -> list[Group]:
    """P8: the group of the user's party for every file they are authorised for, and the keeper
    group of every file they keep (uitvoerder of its Veiligheidshuis, read-write)."""
    codes = set(membership.function_codes())
    if not codes & WORKING_FUNCTIONS:
        return []  # beheerder and FG alone give no access to dossiers
    authorisations = FileAuthorisation.objects.live().filter(user=user).select_related("file")
    authorisations = list(authorisations)
    wanted = groups.file_groups_for_files(membership.party, [a.file for a in authorisations])
    if Function.UITVOERDER in codes:
        regions = set(membership.party.veiligheidshuizen.values_list("pk", flat=True))
        wanted += [
            authorisation.file.keeper_group
            for authorisation in authorisations
            if authorisation.level == AccessLevel.READWRITE
            and authorisation.file.veiligheidshuis_id in regions
        ]
    return wanted


def sync_user_groups(user: User, *, today: date | None = None) -> None:
    """Give the user exactly the groups of their party, functions and file authorisations, or
    none at all when they may not act (P5, P6, P8). The one function that sets a user's groups:
    called on every change of membership, function, party or authorisation, and by the jobs."""
    wanted: list[Group] = []
    if access_refusal(user, today=today) is None:
        membership = user.membership
        wanted.append(membership.party.group)
        by_function = groups.function_groups()
        codes = membership.function_codes()
        wanted += [by_function[code] for code in codes]
        wanted += _file_groups_of(user, membership)
    current = set(user.groups.values_list("pk", flat=True))
    if current != {group.pk for group in wanted}:
        user.groups.set(wanted)


def _sync_party_users(party: Party) -> None:
    for membership in party.memberships.select_related("user", "party"):
        sync_user_groups(membership.user)


# --- parties ----------------------------------------------------------------------------------


def _validate_party(party: Party) -> None:
    party.full_clean(exclude=["group"])


@transaction.atomic
def create_party(
    *,
    name: str,
    kind: str,
    veiligheidshuizen,
    joined_on: date,
    by: User | None,
    reason: str,
    role: str | None = None,
    municipality_code: str = "",
) -> Party:
    """A new party joins the covenant (P1, VH 23.4)."""
    reason = _require_reason(reason)
    if kind == PartyKind.GEMEENTE and not municipality_code:
        raise ValidationError(
            {"municipality_code": _("A municipality has a four-digit municipality code.")}
        )
    party = Party(
        name=name,
        kind=kind,
        role=role or default_role(kind),
        municipality_code=municipality_code if kind == PartyKind.GEMEENTE else "",
        joined_on=joined_on,
    )
    _validate_party(party)
    party.group = groups.new_party_group(name)
    party.save()
    party.veiligheidshuizen.set(veiligheidshuizen)
    _record(AuthorisationAction.PARTY_CREATED, by=by, party=party, reason=reason)
    return party


@transaction.atomic
def update_party(
    party: Party,
    *,
    by: User,
    reason: str,
    veiligheidshuizen=None,
    expected_version: int | None = None,
    **fields,
) -> Party:
    """P1: the beheerder changes a party as a whole; refused when someone else changed it after
    `expected_version` was read (S1)."""
    reason = _require_reason(reason)
    allowed = {"name", "kind", "role", "municipality_code", "joined_on"}
    if set(fields) - allowed:
        raise ValueError(f"Not changeable here: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(party, name, value)
    if party.kind != PartyKind.GEMEENTE:
        party.municipality_code = ""
    _validate_party(party)
    claim_version(party, expected_version)
    party.save()
    if veiligheidshuizen is not None:
        party.veiligheidshuizen.set(veiligheidshuizen)
    _record(AuthorisationAction.PARTY_CHANGED, by=by, party=party, reason=reason)
    _sync_party_users(party)
    return party


def notice_end_date(notice_on: date) -> date:
    return notice_on + relativedelta(months=NOTICE_PERIOD_MONTHS)


@transaction.atomic
def give_notice(party: Party, *, notice_on: date, by: User, reason: str) -> Party:
    """The party leaves the covenant three months after its notice (CTER 18.2). Its users lose
    access on that date; its duty of confidentiality stays (18.3)."""
    reason = _require_reason(reason)
    if party.notice_given_on is not None:
        raise ValidationError(_("This party has already given notice."))
    if notice_on < party.joined_on:
        raise ValidationError(
            {"notice_on": _("The notice falls before the start of participation.")}
        )
    party.notice_given_on = notice_on
    party.left_on = notice_end_date(notice_on)
    claim_version(party, None)
    party.save(update_fields=["notice_given_on", "left_on", "version"])
    _record(AuthorisationAction.NOTICE_GIVEN, by=by, party=party, reason=reason)
    return party


@transaction.atomic
def record_declaration(
    party: Party,
    *,
    signed_on: date,
    signed_by: str,
    document_reference: str,
    by: User,
) -> ConfidentialityDeclaration:
    """The external partner's signed confidentiality declaration (CTER 14.2-3, P6)."""
    if not party.is_external:
        raise ValidationError(_("A declaration is recorded only for an external case partner."))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    declaration = ConfidentialityDeclaration(
        party=party,
        signed_on=signed_on,
        signed_by=signed_by,
        document_reference=document_reference,
        recorded_by=by,
    )
    declaration.full_clean()
    declaration.save()
    _record(
        AuthorisationAction.DECLARATION_RECORDED,
        by=by,
        party=party,
        reason=_("Confidentiality declaration %(reference)s") % {"reference": document_reference},
    )
    _sync_party_users(party)
    return declaration


# --- users and memberships --------------------------------------------------------------------


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


# --- files and authorisations per person (P8) ------------------------------------------------


def file_for(kind: str, key: str, veiligheidshuis: Veiligheidshuis, name: str) -> DataFile:
    """The file of `kind` with `key` (the Veiligheidshuis code for its weegploeg, the
    casusoverleg's pk for an ICO file), made with its keeper group on first use."""
    key = str(key)
    file = DataFile.objects.filter(kind=kind, key=key).first()
    if file is None:
        with transaction.atomic():
            file, _created = DataFile.objects.get_or_create(
                kind=kind,
                key=key,
                defaults={
                    "veiligheidshuis": veiligheidshuis,
                    "name": name[:300],
                    "keeper_group": groups.new_keeper_group(kind, key),
                },
            )
    return file


def weegploeg_file(veiligheidshuis: Veiligheidshuis) -> DataFile:
    """The weegploeg file of a Veiligheidshuis (CTER 8.1)."""
    return file_for(
        FileKind.WEEGPLOEG,
        veiligheidshuis.code,
        veiligheidshuis,
        _("Weegploeg %(region)s") % {"region": veiligheidshuis.name},
    )


def may_grant(by: User | None, file: DataFile) -> bool:
    """P3: the beheerder grants and revokes authorisations for every file; the uitvoerder for the
    files of the Veiligheidshuizen of their party."""
    if by is None or not may_act(by):
        return False
    if is_beheerder(by):
        return True
    membership = membership_of(by)
    return (
        Function.UITVOERDER in set(membership.function_codes())
        and membership.party.veiligheidshuizen.filter(pk=file.veiligheidshuis_id).exists()
    )


def grantable_files(by: User):
    """The files `by` grants and revokes authorisations for (P3): every file for the beheerder,
    those of the Veiligheidshuizen of their party for the uitvoerder. Each region's weegploeg
    file is made here when it does not exist yet."""
    if by is None or not may_act(by):
        return DataFile.objects.none()
    if is_beheerder(by):
        regions = Veiligheidshuis.objects.all()
    elif Function.UITVOERDER in set(by.membership.function_codes()):
        regions = by.membership.party.veiligheidshuizen.all()
    else:
        return DataFile.objects.none()
    for region in regions:
        weegploeg_file(region)
    return DataFile.objects.filter(veiligheidshuis__in=regions).select_related("veiligheidshuis")


def manageable_users(by: User):
    """The users whose file authorisations `by` manages: every user with a membership for the
    beheerder, the users of the parties of their Veiligheidshuizen for the uitvoerder."""
    if by is None or not may_act(by):
        return User.objects.none()
    users = User.objects.filter(membership__isnull=False)
    if is_beheerder(by):
        return users
    if Function.UITVOERDER in set(by.membership.function_codes()):
        regions = by.membership.party.veiligheidshuizen.all()
        return users.filter(membership__party__veiligheidshuizen__in=regions).distinct()
    return User.objects.none()


def grant_refusal(user: User, file: DataFile) -> str | None:
    """Why `user` cannot be authorised for `file`, or None (P8, W4, C6)."""
    membership = membership_of(user)
    if membership is None or membership.is_ended:
        return _("This user does not act on behalf of a party.")
    codes = set(membership.function_codes())
    if not codes & WORKING_FUNCTIONS:
        return _(
            "A beheerder or data protection officer gets no access to dossiers by that function: "
            "give the user a function that works in the file first."
        )
    party = membership.party
    if party.role == PartyRole.EXTERN:
        return _("An external case partner sees only what is disclosed to it.")
    if not party.veiligheidshuizen.filter(pk=file.veiligheidshuis_id).exists():
        return _("The user's party does not take part in this Veiligheidshuis.")
    if (
        file.kind == FileKind.WEEGPLOEG
        and party.role != PartyRole.KERNPARTIJ
        and Function.UITVOERDER not in codes
    ):
        return _("Only the kernpartijen and the uitvoerder have access to the weegploeg.")
    return None


@transaction.atomic
def grant_file_access(
    user: User, *, file: DataFile, level: str, by: User | None, reason: str
) -> FileAuthorisation:
    """P8: authorise `user` to read, or to read and record in, `file`. A live authorisation of
    another level is replaced. `by` None only for the system (seed, migrations)."""
    reason = _require_reason(reason)
    if by is not None and not may_grant(by, file):
        raise PermissionDenied
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot change your own authorisations."))
    if level not in AccessLevel.values:
        raise ValidationError({"level": _("Choose read or read and record.")})
    refusal = grant_refusal(user, file)
    if refusal is not None:
        raise ValidationError(refusal)
    membership = user.membership
    current = FileAuthorisation.objects.live().select_for_update().filter(user=user, file=file)
    current = current.first()
    if current is not None and current.level == level:
        raise ValidationError(_("This user already has this access to this file."))
    if current is not None:
        current.ended_at, current.ended_by = timezone.now(), by
        current.save(update_fields=["ended_at", "ended_by"])
    authorisation = FileAuthorisation.objects.create(
        user=user, file=file, level=level, granted_by=by, reason=reason
    )
    _record(
        AuthorisationAction.FILE_ACCESS_GRANTED,
        by=by,
        party=membership.party,
        user=user,
        file=file,
        level=level,
        reason=reason,
    )
    sync_user_groups(user)
    return authorisation


@transaction.atomic
def revoke_file_access(authorisation: FileAuthorisation, *, by: User | None, reason: str) -> None:
    """P8: the authorisation ends at once; the user leaves the file's groups in the same
    transaction."""
    reason = _require_reason(reason)
    if by is not None and not may_grant(by, authorisation.file):
        raise PermissionDenied
    if by is not None and by.pk == authorisation.user_id:
        raise ValidationError(_("You cannot change your own authorisations."))
    authorisation = FileAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if not authorisation.is_live:
        raise ValidationError(_("This authorisation has already ended."))
    _end(authorisation, by=by, reason=reason, party=authorisation.user.membership.party)
    sync_user_groups(authorisation.user)


def _end(authorisation: FileAuthorisation, *, by, reason, party) -> None:
    authorisation.ended_at, authorisation.ended_by = timezone.now(), by
    authorisation.save(update_fields=["ended_at", "ended_by"])
    _record(
        AuthorisationAction.FILE_ACCESS_REVOKED,
        by=by,
        party=party,
        user=authorisation.user,
        file=authorisation.file,
        level=authorisation.level,
        reason=reason,
    )


def _end_authorisations(membership: Membership, *, by, reason) -> None:
    """The authorisations end with the membership (P8), each logged (P3)."""
    live = FileAuthorisation.objects.live().filter(user=membership.user).select_related("file")
    for authorisation in live:
        _end(authorisation, by=by, reason=reason, party=membership.party)


# --- API tokens (U5, S1) ----------------------------------------------------------------------

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


def resync_user_groups() -> int:
    """Daily (P8): every user's groups derived again from memberships and authorisations, so a
    missed event is caught up. Idempotent. Returns the users looked at."""
    done = 0
    for membership in Membership.objects.select_related("user", "party"):
        with transaction.atomic():
            sync_user_groups(membership.user)
        done += 1
    return done


def end_departed_parties(*, today: date | None = None) -> int:
    """Take the groups away from every user whose party has left (P5). Decides from the state
    in the database, so running it twice, or a day late, is correct. Returns the users changed."""
    today = today or timezone.localdate()
    changed = 0
    departed = Party.objects.filter(left_on__lte=today)
    memberships = Membership.objects.filter(
        party__in=departed, user__groups__isnull=False
    ).select_related("user", "party")
    for membership in memberships.distinct():
        with transaction.atomic():
            sync_user_groups(membership.user, today=today)
            _record(
                AuthorisationAction.ACCESS_ENDED,
                by=None,
                party=membership.party,
                user=membership.user,
                before=set(membership.function_codes()),
                reason=_("End of the party's participation on %(date)s.")
                % {"date": membership.party.left_on.isoformat()},
            )
        changed += 1
    return changed
