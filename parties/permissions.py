"""Who may act at all (P2, P5, P6) and which functions a user holds."""

from datetime import date

from django.utils import timezone
from rest_framework import permissions

from parties.constants import (
    WORKING_FUNCTIONS,
    AccessLevel,
    AccessRefusal,
    FileKind,
    Function,
    PartyRole,
)
from parties.models import ApiToken, DataFile, FileAuthorisation, Membership
from parties.rights import Authorisation, rights_of


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return rights_of(user).membership


def access_refusal(user, *, today: date | None = None) -> AccessRefusal | None:
    """The reason a signed-in user may do nothing today, or None when they may act.

    Decided from the state in the database at each request, so a party's end date takes effect
    at midnight whether or not the hourly sync has run yet (P5).
    """
    today = today or timezone.localdate()
    membership = membership_of(user)
    if membership is None:
        return AccessRefusal.NO_MEMBERSHIP
    if membership.ended_on is not None and membership.ended_on <= today:
        return AccessRefusal.MEMBERSHIP_ENDED
    party = membership.party
    if party.joined_on > today:
        return AccessRefusal.PARTY_NOT_JOINED
    if party.left_on is not None and party.left_on <= today:
        return AccessRefusal.PARTY_LEFT
    if party.is_external and not rights_of(user).declared:
        return AccessRefusal.NO_DECLARATION
    return None


def may_act(user) -> bool:
    return access_refusal(user) is None


def functions_of(user) -> set[str]:
    """The functions a user may exercise now: none when access is refused."""
    membership = membership_of(user)
    if membership is None or access_refusal(user) is not None:
        return set()
    return set(rights_of(user).functions)


def has_function(user, function: Function) -> bool:
    return function in functions_of(user)


def does_file_work(user) -> bool:
    """The user holds a function that works in files; beheerder and FG alone do not (P8)."""
    return bool(functions_of(user) & WORKING_FUNCTIONS)


def live_authorisations(user):
    """The user's live file authorisations, whether or not they may act today."""
    if not getattr(user, "is_authenticated", False):
        return FileAuthorisation.objects.none()
    return FileAuthorisation.objects.live().filter(user=user)


def authorisations_of(user) -> tuple[Authorisation, ...]:
    """`live_authorisations` as read once per request (`parties.rights`)."""
    if not getattr(user, "is_authenticated", False):
        return ()
    return rights_of(user).authorisations


def working_authorisations(user) -> tuple[Authorisation, ...]:
    """The live file authorisations that count today (P8): none for who may not act or holds
    no function that works in files."""
    if not does_file_work(user):
        return ()
    return rights_of(user).authorisations


def _authorised(user, file: DataFile, levels) -> bool:
    return any(
        granted.file_id == file.pk and granted.level in levels
        for granted in working_authorisations(user)
    )


def may_read_file(user, file: DataFile) -> bool:
    """P8: the user is authorised for this file, to read or to read and record."""
    return _authorised(user, file, AccessLevel.values)


def may_record(user, file: DataFile) -> bool:
    """P8: the one rule for recording in a file: a live read-write authorisation for it. Every
    service that lets a person record calls it (directly or through the file's keeper rule)."""
    return _authorised(user, file, [AccessLevel.READWRITE])


def party_regions(user) -> frozenset[int]:
    """The pks of the Veiligheidshuizen of the user's party (whether or not they may act)."""
    return rights_of(user).regions if membership_of(user) is not None else frozenset()


def has_party_regions(user) -> bool:
    """`party_regions` is not empty, asked without reading them."""
    return membership_of(user) is not None and rights_of(user).has_regions


def fact(user, name: str) -> bool:
    """A fact an app registered with `parties.rights.register_fact`, read with the rights."""
    return getattr(user, "is_authenticated", False) and rights_of(user).fact(name)


def remembered(user, key, compute):
    """`compute()`, a fact an app derives for `user` from their rights, computed once per
    request for the request's own user (`parties.rights`), each time for anyone else."""
    return rights_of(user).remember(key, compute)


def kept_authorisations(user) -> tuple[Authorisation, ...]:
    """The authorisations of the files `user` keeps (`is_file_keeper`): as uitvoerder, with
    read-write, of a file of one of the Veiligheidshuizen of their party. The keeper groups
    follow the same rule (`parties.services.sync`; ADR 0018)."""
    if Function.UITVOERDER not in functions_of(user):
        return ()
    return tuple(
        granted
        for granted in working_authorisations(user)
        if granted.records and granted.in_party_region
    )


def is_file_keeper(user, file: DataFile) -> bool:
    """The uitvoerder of the file's Veiligheidshuis, authorised to record in it, keeps it."""
    return keeps(user, file.kind, file.key)


def keeps(user, kind: str, key) -> bool:
    """`is_file_keeper` for the file of `kind` with `key` (the Veiligheidshuis code of a
    weegploeg, the casusoverleg's pk of an ICO file), without reading the file's row."""
    return any(g.kind == kind and g.key == str(key) for g in kept_authorisations(user))


def records_in(user, kind: str, key) -> bool:
    """`may_record` for the file of `kind` with `key`, without reading the file's row."""
    return any(
        g.kind == kind and g.key == str(key) and g.records for g in working_authorisations(user)
    )


def kept_files(user):
    """The files `user` keeps (`is_file_keeper`), as one queryset."""
    return DataFile.objects.filter(
        pk__in=[granted.file_id for granted in kept_authorisations(user)]
    )


def keeps_a_file(user, kind: str | None = None) -> bool:
    """Whether `user` keeps any file (of `kind`)."""
    return any(kind in (None, granted.kind) for granted in kept_authorisations(user))


def may_reach(user, kind: str) -> bool:
    """Whether the user learns that files of this kind exist at all (navigation, the file's
    landing pages): an authorisation for a file of the kind, and for the weegploeg a kernpartij
    or the uitvoerder (W4), for the ICO files anyone but an external partner, who sees only what
    was disclosed to it (C6). Which dossiers is up to the object permissions."""
    membership = membership_of(user)
    if membership is None or not does_file_work(user):
        return False
    if not any(granted.kind == kind for granted in working_authorisations(user)):
        return False
    is_uitvoerder = Function.UITVOERDER in functions_of(user)
    if kind == FileKind.WEEGPLOEG:
        return membership.party.role == PartyRole.KERNPARTIJ or is_uitvoerder
    return membership.party.role != PartyRole.EXTERN or is_uitvoerder


def is_beheerder(user) -> bool:
    return (
        getattr(user, "is_verified", lambda: False)()
        and has_function(user, Function.BEHEERDER)
        and rights_of(user).manages_authorisations
    )


def is_token_request(request) -> bool:
    """Authenticated by a live API token of a partner system (`parties.authentication`)."""
    token = getattr(request, "auth", None)
    return (
        isinstance(token, ApiToken)
        and not token.is_revoked
        and token.account_id == getattr(request.user, "pk", None)
    )


class IsVerifiedMember(permissions.BasePermission):
    """Signed in with both factors (S4), or a partner system with its party's token (U5), acting
    for a party that may act now (P5, P6)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        verified = getattr(user, "is_verified", lambda: False)() or is_token_request(request)
        return verified and may_act(user)
