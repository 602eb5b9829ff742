"""Who may see and keep the weegploeg file (W4, P7, CTER 8.4).

Only kernpartijen of the Veiligheidshuis: politie and OM see every assessment of their region, a
gemeente only those of subjects living in its municipality, the uitvoerder all of its
Veiligheidshuis. Casuspartijen and external partners see nothing, not even that a person is in
the file: every page and endpoint answers 404 for them.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from parties.constants import Function, PartyKind
from parties.groups import uitvoerder_group
from parties.models import Party
from parties.permissions import has_function, may_act, membership_of
from weegploeg.models import Assessment, AssessmentGroupPermission

VIEW = "view_assessment"
CHANGE = "change_assessment"


def _permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="weegploeg", codename=codename)


def readers_of(assessment: Assessment) -> list[Group]:
    """The party groups that may see this assessment today."""
    region = assessment.veiligheidshuis
    parties = (
        Party.objects.active_on(timezone.localdate())
        .filter(veiligheidshuizen=region)
        .filter(
            Q(kind__in=[PartyKind.POLITIE, PartyKind.OM])
            | Q(kind=PartyKind.GEMEENTE, municipality_code=assessment.municipality_code)
        )
        .select_related("group")
    )
    return [party.group for party in parties]


def sync_assessment_permissions(assessment: Assessment) -> None:
    """Turn the state of the assessment into object permissions: the one place that grants them.
    Called by every service that creates an assessment or changes where its subject lives."""
    view, change = _permission(VIEW), _permission(CHANGE)
    keeper = uitvoerder_group(assessment.veiligheidshuis)
    wanted = {(group.pk, view.pk) for group in readers_of(assessment)}
    wanted |= {(keeper.pk, view.pk), (keeper.pk, change.pk)}
    rows = AssessmentGroupPermission.objects.filter(content_object=assessment)
    current = set(rows.values_list("group_id", "permission_id"))
    for group_id, permission_id in current - wanted:
        rows.filter(group_id=group_id, permission_id=permission_id).delete()
    AssessmentGroupPermission.objects.bulk_create(
        AssessmentGroupPermission(
            content_object=assessment, group_id=group_id, permission_id=permission_id
        )
        for group_id, permission_id in wanted - current
    )


def may_use_file(user) -> bool:
    """Members of a kernpartij and uitvoerders reach the weegploeg file at all (W4, P7); which
    dossiers they see is up to the object permissions. Nobody else learns the file exists."""
    membership = membership_of(user)
    if membership is None or not may_act(user):
        return False
    return membership.party.is_kernpartij or has_function(user, Function.UITVOERDER)


def visible_assessments(user):
    """Every assessment `user` may see: the one queryset behind every list, page and endpoint."""
    if not may_act(user):
        return Assessment.objects.none()
    return get_objects_for_user(
        user,
        f"weegploeg.{VIEW}",
        klass=Assessment,
        accept_global_perms=False,
        with_superuser=False,
    )


def keepable_assessments(user):
    if not may_act(user):
        return Assessment.objects.none()
    return get_objects_for_user(
        user,
        f"weegploeg.{CHANGE}",
        klass=Assessment,
        accept_global_perms=False,
        with_superuser=False,
    )


def get_visible_assessment(user, number: str) -> Assessment:
    """The assessment, or 404 for anyone who may not see it: never 403, which would tell that
    the person is in the file."""
    assessment = visible_assessments(user).filter(number=number).first()
    if assessment is None:
        raise Http404
    return assessment
