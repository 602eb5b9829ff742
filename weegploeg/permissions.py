"""Who may see and keep the weegploeg file (W4, P7, P8, CTER 8.4).

The party decides which dossiers, the person's authorisation whether this person sees them
(P8): politie and OM see every assessment of their region, a gemeente only those of subjects
living in its municipality, each through the group of that party for the weegploeg file of the
Veiligheidshuis, whose members are the party's users authorised for that file. The uitvoerders
authorised to record keep the file through its keeper group. Casuspartijen, external partners,
and a beheerder or FG by that function see nothing, not even that a person is in the file: every
page and endpoint answers 404 for them.
"""

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from parties import services as party_services
from parties.constants import FileKind, PartyKind
from parties.groups import file_groups
from parties.models import DataFile, Party, Veiligheidshuis
from parties.permissions import (
    keeps,
    kept_authorisations,
    may_act,
    may_reach,
    records_in,
)
from subjects.permissions import held, permission_ids, sync_group_permissions
from weegploeg import sight
from weegploeg.models import Assessment, AssessmentGroupPermission

VIEW = "view_assessment"
CHANGE = "change_assessment"


def file_of(region: Veiligheidshuis) -> DataFile:
    """The weegploeg file of a Veiligheidshuis, the unit people are authorised for (P8)."""
    return party_services.weegploeg_file(region)


def files_of(region_ids) -> dict[int, int]:
    """The pk of the weegploeg file of each Veiligheidshuis (pk -> pk), in one query for the
    files there are (made on first use, as `file_of`)."""
    regions = Veiligheidshuis.objects.filter(pk__in=set(region_ids))
    known = dict(
        DataFile.objects.filter(
            kind=FileKind.WEEGPLOEG, veiligheidshuis__in=regions, key=F("veiligheidshuis__code")
        ).values_list("veiligheidshuis_id", "pk")
    )
    for region in regions:
        if region.pk not in known:
            known[region.pk] = file_of(region).pk
    return known


def reading_parties(assessment: Assessment) -> list[Party]:
    """The kernpartijen that may see this assessment today (W4, P7)."""
    region = assessment.veiligheidshuis
    return list(
        Party.objects.active_on(timezone.localdate())
        .filter(veiligheidshuizen=region)
        .filter(
            Q(kind__in=[PartyKind.POLITIE, PartyKind.OM])
            | Q(kind=PartyKind.GEMEENTE, municipality_code=assessment.municipality_code)
        )
    )


def sync_assessment_permissions(assessment: Assessment) -> None:
    """Turn the state of the assessment into object permissions: the one place that grants them.
    Called by every service that creates an assessment or changes where its subject lives."""
    view, change = permission_ids("weegploeg", VIEW, CHANGE)
    file = file_of(assessment.veiligheidshuis)
    wanted = {(group.pk, view) for group in file_groups(reading_parties(assessment), file)}
    wanted |= {(file.keeper_group_id, view), (file.keeper_group_id, change)}
    if sync_group_permissions(AssessmentGroupPermission, assessment, wanted):
        sight.refresh_assessments([assessment])  # who sees the meetings it is on (ADR 0039)


def may_use_file(user) -> bool:
    """Whether the user learns the weegploeg exists at all (W4, P7, P8): a kernpartij member or
    uitvoerder authorised for a weegploeg file. Which dossiers is up to the object permissions."""
    return may_reach(user, FileKind.WEEGPLOEG)


def may_record_in(user, region: Veiligheidshuis) -> bool:
    """P8: read-write on the weegploeg file of the region (`parties.permissions.may_record`)."""
    return records_in(user, FileKind.WEEGPLOEG, region.code)


def is_keeper(user, region: Veiligheidshuis) -> bool:
    """The uitvoerder of the region, authorised to record in its weegploeg file
    (`parties.permissions.is_file_keeper`)."""
    return may_act(user) and keeps(user, FileKind.WEEGPLOEG, region.code)


def kept_region_ids(user) -> frozenset[int]:
    """The pks of the Veiligheidshuizen whose weegploeg `user` keeps (P8): uitvoerder there,
    read-write (`parties.permissions.kept_authorisations`, the rule the keeper groups follow)."""
    return frozenset(
        granted.veiligheidshuis_id
        for granted in kept_authorisations(user)
        if granted.kind == FileKind.WEEGPLOEG
    )


def kept_regions(user):
    """The Veiligheidshuizen whose weegploeg `user` keeps (`kept_region_ids`)."""
    return Veiligheidshuis.objects.filter(pk__in=sorted(kept_region_ids(user)))


def _assessments_with(user, codename: str):
    if not may_act(user):
        return Assessment.objects.none()
    return Assessment.objects.filter(
        held(AssessmentGroupPermission, user, "weegploeg", codename, from_rows=None)
    )


def seen_assessment_q(user, field: str) -> Q:
    """The condition "`user` may see the assessment in `field`" (a foreign key to it) for a
    query of the rows of the dossiers a user sees (the API's signals): the rule of
    `visible_assessments`, read from the user's permission rows without reading the
    assessments' table in between, and started from them when they are few (issue 13:
    `subjects.permissions.held`'s `from_rows=None`)."""
    if not may_act(user):
        return Q(**{f"{field}__in": []})
    return held(AssessmentGroupPermission, user, "weegploeg", VIEW, field=field, from_rows=None)


def visible_assessments(user):
    """Every assessment `user` may see: the one queryset behind every list, page and endpoint."""
    return _assessments_with(user, VIEW)


def keepable_assessments(user):
    return _assessments_with(user, CHANGE)


def get_visible_assessment(user, number: str) -> Assessment:
    """The assessment, or 404 for anyone who may not see it: never 403, which would tell that
    the person is in the file."""
    assessment = visible_assessments(user).filter(number=number).first()
    if assessment is None:
        raise Http404
    return assessment
