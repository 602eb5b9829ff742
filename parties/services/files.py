"""Files and the authorisations per person for them: granted, revoked and ended (P3, P8)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parties import groups
from parties.constants import (
    WORKING_FUNCTIONS,
    AccessLevel,
    AuthorisationAction,
    FileKind,
    Function,
    PartyRole,
)
from parties.models import DataFile, FileAuthorisation, Membership, User, Veiligheidshuis
from parties.permissions import (
    functions_of,
    has_party_regions,
    is_beheerder,
    may_act,
    membership_of,
)
from parties.rights import request_memo
from parties.services.common import _record, _require_reason
from parties.services.sync import sync_user_groups


def file_for(kind: str, key: str, veiligheidshuis: Veiligheidshuis, name: str) -> DataFile:
    """The file of `kind` with `key` (the Veiligheidshuis code for its weegploeg, the
    casusoverleg's pk for an ICO file), made with its keeper group on first use."""
    key = str(key)
    # The rules ask for the same few files many times per page: read each once per request.
    file = request_memo(
        ("data-file", kind, key), lambda: DataFile.objects.filter(kind=kind, key=key).first()
    )
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


def grants_any_file(by: User | None) -> bool:
    """Whether `grantable_files(by)` has any file, without making the regions' files (one query
    at most: every file a page asks this of, per Veiligheidshuis, would be one each)."""
    if by is None or not may_act(by):
        return False
    if is_beheerder(by):
        return Veiligheidshuis.objects.exists()
    return Function.UITVOERDER in functions_of(by) and has_party_regions(by)


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
