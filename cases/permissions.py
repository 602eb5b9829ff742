"""Who may see and keep a case (C1, S1; CTER 9.1, 10.4).

The parties taking part read; the uitvoerders of the Veiligheidshuis keep the file; an archived
case is open to kernpartijen only; an external partner has no case permission at all and sees
only what was disclosed to it (C6). Everyone else gets 404.
"""

from django.contrib.auth.models import Permission
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from cases.constants import CaseStatus
from cases.models import Case, CaseGroupPermission
from parties.constants import Function, PartyRole
from parties.groups import uitvoerder_group
from parties.permissions import functions_of, may_act, membership_of

VIEW = "view_case"
CHANGE = "change_case"


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename=codename)


def reading_parties(case: Case):
    """The parties whose groups may read the case now."""
    parties = [
        participant.party
        for participant in case.participants.filter(until__isnull=True).select_related(
            "party__group"
        )
        if participant.party.role != PartyRole.EXTERN
    ]
    if case.status == CaseStatus.ARCHIVED:
        parties = [party for party in parties if party.role == PartyRole.KERNPARTIJ]
    return parties


def sync_case_permissions(case: Case) -> None:
    """The one function that turns a case's participants and status into object permissions;
    every service that changes them calls it. A party that stops taking part loses access at
    once."""
    view, change = _permission(VIEW), _permission(CHANGE)
    keeper = uitvoerder_group(case.casusoverleg.veiligheidshuis)
    wanted = {(party.group_id, view.pk) for party in reading_parties(case)}
    wanted |= {(keeper.pk, view.pk), (keeper.pk, change.pk)}
    rows = CaseGroupPermission.objects.filter(content_object=case)
    current = set(rows.values_list("group_id", "permission_id"))
    for group_id, permission_id in current - wanted:
        rows.filter(group_id=group_id, permission_id=permission_id).delete()
    CaseGroupPermission.objects.bulk_create(
        CaseGroupPermission(content_object=case, group_id=group_id, permission_id=permission_id)
        for group_id, permission_id in wanted - current
    )


def _cases_with(user, codename: str):
    if not may_act(user):
        return Case.objects.none()
    return get_objects_for_user(
        user, f"cases.{codename}", klass=Case, accept_global_perms=False, with_superuser=False
    )


def visible_cases(user):
    """Every case `user` may see: the one queryset behind every list, page and endpoint."""
    return _cases_with(user, VIEW)


def keepable_cases(user):
    """The cases `user` keeps as uitvoerder."""
    return _cases_with(user, CHANGE)


def get_visible_case(user, number: str) -> Case:
    case = visible_cases(user).filter(number=number).first()
    if case is None:
        raise Http404
    return case


def may_see_cases(user) -> bool:
    """Members of the parties of a casusoverleg and the uitvoerders; not external partners."""
    membership = membership_of(user)
    return (
        membership is not None
        and may_act(user)
        and (membership.party.role != PartyRole.EXTERN or Function.UITVOERDER in functions_of(user))
    )
