"""Who may see and keep a case (C1, S1, P8; CTER 9.1, 10.4).

The party decides which cases, the person's authorisation whether this person sees them (P8):
the parties taking part read, each through its group for the casusoverleg's file, whose members
are the party's users authorised for that file; the uitvoerders of the Veiligheidshuis authorised
to record keep the file through its keeper group; an archived case is open to kernpartijen only;
an external partner has no case permission at all and sees only what was disclosed to it (C6).
Everyone else, a beheerder or FG by that function included, gets 404.
"""

from django.db.models import Q
from django.http import Http404

from cases import sight
from cases.constants import CaseStatus
from cases.models import Case, CaseGroupPermission, CasusOverleg
from parties import services as party_services
from parties.constants import FileKind, PartyRole
from parties.groups import file_groups
from parties.models import DataFile
from parties.permissions import (
    keeps,
    kept_authorisations,
    may_act,
    may_reach,
    records_in,
)
from subjects.permissions import held, permission_ids, resync_all, sync_group_permissions

VIEW = "view_case"
CHANGE = "change_case"


def file_of(casusoverleg: CasusOverleg) -> DataFile:
    """The ICO file of a casusoverleg, the unit people are authorised for (P8; VH 10)."""
    return party_services.file_for(
        FileKind.ICO, casusoverleg.pk, casusoverleg.veiligheidshuis, casusoverleg.name
    )


def reading_parties(case: Case):
    """The parties whose groups may read the case now."""
    parties = [
        participant.party
        for participant in case.participants.filter(until__isnull=True).select_related("party")
        if participant.party.role != PartyRole.EXTERN
    ]
    if case.status == CaseStatus.ARCHIVED:
        parties = [party for party in parties if party.role == PartyRole.KERNPARTIJ]
    return parties


def sync_case_permissions(case: Case) -> None:
    """The one function that turns a case's participants and status into object permissions;
    every service that changes them calls it. A party that stops taking part loses access at
    once."""
    view, change = permission_ids("cases", VIEW, CHANGE)
    file = file_of(case.casusoverleg)
    wanted = {(group.pk, view) for group in file_groups(reading_parties(case), file)}
    wanted |= {(file.keeper_group_id, view), (file.keeper_group_id, change)}
    if sync_group_permissions(CaseGroupPermission, case, wanted):
        sight.refresh_cases([case])  # who sees the meetings it is on (ADR 0039)


def may_record_in(user, casusoverleg: CasusOverleg) -> bool:
    """P8: read-write on the casusoverleg's file (`parties.permissions.may_record`)."""
    return records_in(user, FileKind.ICO, casusoverleg.pk)


def is_keeper(user, casusoverleg: CasusOverleg) -> bool:
    """The uitvoerder of the casusoverleg's Veiligheidshuis, authorised to record in its file
    (`parties.permissions.is_file_keeper`)."""
    return may_act(user) and keeps(user, FileKind.ICO, casusoverleg.pk)


def kept_casusoverleg_ids(user) -> list[int]:
    """The pks of the casusoverleggen whose file `user` keeps (P8): the uitvoerder of their
    Veiligheidshuis with read-write on their file (`parties.permissions.kept_authorisations`,
    the rule the keeper groups follow)."""
    return sorted(
        int(granted.key) for granted in kept_authorisations(user) if granted.kind == FileKind.ICO
    )


def kept_casusoverleggen(user):
    """The casusoverleggen whose file `user` keeps. For the page and API that offer a keeper's
    choices."""
    return CasusOverleg.objects.filter(pk__in=kept_casusoverleg_ids(user))


def _cases_with(user, codename: str, *, from_rows: bool | None = None):
    if not may_act(user):
        return Case.objects.none()
    return Case.objects.filter(
        held(CaseGroupPermission, user, "cases", codename, from_rows=from_rows)
    )


def visible_cases(user, *, from_rows: bool | None = None):
    """Every case `user` may see: the one queryset behind every list, page and endpoint.
    `from_rows` starts from the user's permission rows (`subjects.permissions.held`): True for
    a query that reads every visible case (which casusoverleggen they are of); by default only
    when they are few, for a list read in its own order."""
    return _cases_with(user, VIEW, from_rows=from_rows)


def seen_case_q(user, field: str, *, from_rows: bool | None = False) -> Q:
    """The condition "`user` may see the case in `field`" (a foreign key to the case) for a
    query of the case's rows: the rule of `visible_cases`, read from the permission rows
    without reading the cases' table in between (issue 13); `from_rows` starts from them
    (`subjects.permissions.held`), for a query of every such row rather than of one
    dossier's; `None` when they are few."""
    if not may_act(user):
        return Q(**{f"{field}__in": []})
    return held(CaseGroupPermission, user, "cases", VIEW, field=field, from_rows=from_rows)


def keepable_cases(user):
    """The cases `user` keeps as uitvoerder."""
    return _cases_with(user, CHANGE)


def get_visible_case(user, number: str) -> Case:
    case = visible_cases(user).filter(number=number).first()
    if case is None:
        raise Http404
    return case


def may_see_cases(user) -> bool:
    """Members of the parties of a casusoverleg and the uitvoerders authorised for an ICO file;
    not external partners (they see their disclosures)."""
    return may_reach(user, FileKind.ICO)


def resync_case_permissions(*, chunk_size: int = 500) -> int:
    """Re-derive every case's permissions (daily, and after the move to file groups, P8).
    Idempotent."""
    return resync_all(
        Case.objects.select_related("casusoverleg__veiligheidshuis"),
        sync_case_permissions,
        chunk_size=chunk_size,
    )
