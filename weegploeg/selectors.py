"""Every read rule of the weegploeg file, once (W1, W4-W7, P7; CTER 8.4).

Pages, API views, form choice lists and services ask these functions what a user may see or
keep; none of them writes its own queryset for it, so a page and its API endpoint cannot
disagree. Which party groups hold which object permissions stays in `weegploeg.permissions`
(the visible and keepable querysets are delegated to it).

A weegploeg meeting (docs/adr/0011-what-the-chair-sees.md): the uitvoerder who keeps the
Veiligheidshuis's file sees every meeting of it, with every assessment on the agenda; a member
of a kernpartij sees a meeting only when an assessment on its agenda is visible to them, and then
only those agenda items. Nobody else learns that the meeting exists.
"""

from django.db.models import Case as DbCase
from django.db.models import Exists, F, OuterRef, Q, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.constants import FileKind, PartyRole
from parties.models import Party, Veiligheidshuis
from parties.permissions import may_act, membership_of, working_authorisations
from subjects.counters import count_of
from subjects.restriction import visible_rows
from weegploeg import permissions, sight
from weegploeg.constants import AssessmentStatus
from weegploeg.models import AgendaItem, Analysis, Assessment, Meeting

# --- the file and its dossiers -----------------------------------------------------------------


def may_use_file(user) -> bool:
    """Members of a kernpartij and uitvoerders reach the file at all (W4, P7)."""
    return permissions.may_use_file(user)


def visible_assessments(user):
    """Every assessment `user` may see: the one queryset behind every list, page and endpoint."""
    return permissions.visible_assessments(user)


def keepable_assessments(user):
    """The assessments `user` keeps as uitvoerder."""
    return permissions.keepable_assessments(user)


def get_visible_assessment(user, number: str) -> Assessment:
    """The assessment, or 404 for anyone who may not see it: never 403, which would tell that
    the person is in the file."""
    assessment = visible_assessments(user).filter(number=number).first()
    if assessment is None:
        raise Http404
    return assessment


# B3: the list's status filter has one more value than the statuses: the archived dossiers,
# which every list leaves out unless asked for.
ARCHIVED = "archived"


def list_statuses() -> list[tuple[str, str]]:
    """The choices of the status filter of the list, page and API alike."""
    return [*AssessmentStatus.choices, (ARCHIVED, _("Archived"))]


def listed(assessments, status: str):
    """B3: archived dossiers only when the filter asks for them ("archived"); a status filter
    shows the dossiers in that status that are not archived. The dossier's own page still opens
    for who may see it."""
    if status == ARCHIVED:
        return assessments.filter(archived_at__isnull=False)
    assessments = assessments.filter(archived_at__isnull=True)
    return assessments.filter(status=status) if status else assessments


def published_frameworks():
    """The versions of the referentiekader that are published: an analysis needs one (W2)."""
    from weegploeg.models import FrameworkVersion

    return FrameworkVersion.objects.filter(published_at__isnull=False)


def get_assessment_page(user, number: str) -> Assessment:
    """The assessment of a dossier page, or 404: read once, with its Veiligheidshuis, whether
    `user` keeps it (`kept_by_reader`, `may_keep`), whether it has an analysis (`analysed`) and
    whether a referentiekader is published to analyse it against (`framework_published`, for
    `next_steps`) in the same query (issue 13)."""
    kept = keepable_assessments(user).filter(pk=OuterRef("pk"))
    assessment = (
        visible_assessments(user)
        .select_related("veiligheidshuis")
        .annotate(
            kept_by_reader=Exists(kept),
            analysed=Exists(Analysis.objects.filter(assessment=OuterRef("pk"))),
            framework_published=Exists(published_frameworks()),
        )
        .filter(number=number)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def get_keepable_assessment(user, number: str) -> Assessment | None:
    return keepable_assessments(user).filter(number=number).first()


def dossier_rows(user, model):
    """The rows of `model` (signals, analyses, decisions, agenderingen) in the assessments
    `user` may see; a restricted row only for the keeper of its file, marked (R6). Checked
    against the user's permission rows (issue 13: `permissions.seen_assessment_q`)."""
    return visible_rows(
        model,
        permissions.seen_assessment_q(user, "assessment"),
        kept_filter=Q(assessment__veiligheidshuis__in=sorted(kept_region_ids(user))),
    )


def sees_restricted(user, assessment: Assessment) -> bool:
    """R6: the keeper of the dossier's weegploeg file (`parties.permissions.is_file_keeper`)
    sees its restricted items, marked; nobody else sees them."""
    return permissions.is_keeper(user, assessment.veiligheidshuis)


def may_keep(user, assessment: Assessment) -> bool:
    return keepable_assessments(user).filter(pk=assessment.pk).exists()


def is_keeper(user) -> bool:
    """Keeps the weegploeg file of at least one Veiligheidshuis (P8: the uitvoerder there, with
    read-write on that file)."""
    return bool(kept_region_ids(user))


def regions_of(user):
    """The Veiligheidshuizen of the user's party."""
    membership = membership_of(user)
    if membership is None:
        return Veiligheidshuis.objects.none()
    return membership.party.veiligheidshuizen.order_by("name")


def kept_regions(user):
    """The Veiligheidshuizen whose weegploeg file `user` keeps: the rule is
    `weegploeg.permissions`' (P8)."""
    return permissions.kept_regions(user)


def kept_region_ids(user) -> frozenset[int]:
    return permissions.kept_region_ids(user)


def known_dossiers(user, region: Veiligheidshuis, person: dict):
    """W1, the intake's duplicate warning (page and API alike): the dossiers of the region that
    are probably about this person (BSN, or name and date of birth), only those `user` may see,
    by number. Nothing of a dossier the user may not see is revealed."""
    from weegploeg.services import possible_duplicates

    return (
        possible_duplicates(region, **person)
        .filter(pk__in=visible_assessments(user).values("pk"))
        .order_by("number_order")
    )


def check_queue_for(user, *, days: int):
    """W5: the assessments the keeper keeps that are not checked for `days` days."""
    from weegploeg.services import check_queue

    # The longest unchecked first (`due_for_check`).
    regions = sorted(kept_region_ids(user))
    return check_queue(regions, days=days, among=keepable_assessments(user))


def open_for_agenda(user):
    """The assessments the keeper may put on a weegploeg meeting's agenda: the open ones it
    keeps, not archived (B3: `services.hold_meeting` refuses an archived one, so the form does
    not offer it)."""
    return (
        keepable_assessments(user)
        .filter(status=AssessmentStatus.OPEN, archived_at__isnull=True)
        .order_by("number_order")
    )


def region_parties(region: Veiligheidshuis):
    """The parties active in the region now: who may add information to a dossier there."""
    return (
        Party.objects.active_on(timezone.localdate())
        .filter(veiligheidshuizen=region)
        .order_by("name")
    )


def intake_parties(user):
    """W1: the parties `user` may enter a signal for: their own, or for the uitvoerder every
    kernpartij of its Veiligheidshuizen."""
    if is_keeper(user):
        return (
            Party.objects.active_on(timezone.localdate())
            .filter(role=PartyRole.KERNPARTIJ, veiligheidshuizen__in=sorted(kept_region_ids(user)))
            .distinct()
            .order_by("name")
        )
    membership = membership_of(user)
    return Party.objects.filter(pk=membership.party_id) if membership else Party.objects.none()


def may_enter_signals(user) -> bool:
    """W1, P8: whether the intake can succeed for `user` at all: a party in `intake_parties` that
    they may enter a signal for in one of their Veiligheidshuizen (the rule is
    `services.may_enter_signal_for`). A member authorised read-only is offered no intake.

    Decided over every party and Veiligheidshuis at once: a member of a kernpartij records in
    the weegploeg of one of its party's Veiligheidshuizen; the keeper of a weegploeg enters for
    any active kernpartij of a Veiligheidshuis it keeps."""
    if not may_act(user):
        return False
    if membership_of(user).party.role == PartyRole.KERNPARTIJ and any(
        granted.kind == FileKind.WEEGPLOEG and granted.records and granted.in_party_region
        for granted in working_authorisations(user)
    ):
        return True
    kept = kept_region_ids(user)
    return bool(kept) and (
        Party.objects.active_on(timezone.localdate())
        .filter(role=PartyRole.KERNPARTIJ, veiligheidshuizen__in=sorted(kept))
        .exists()
    )


# --- meetings ----------------------------------------------------------------------------------


def meetings_for(user):
    """The weegploeg meetings `user` sees (ADR 0011): every meeting of a Veiligheidshuis whose
    file they keep, and a meeting with an assessment on its agenda that they may see
    (`sight.seen_q`: which of their groups see it, worked out ahead, ADR 0039;
    for a politie member that was 30,000 assessments matched to the agenda items at national
    scale, 25-40 ms a list, issue 13)."""
    if not may_use_file(user):
        return Meeting.objects.none()
    kept = Q(veiligheidshuis__in=sorted(kept_region_ids(user)))
    return Meeting.objects.filter(kept | sight.seen_q(user))


def shown_item_count(user):
    """For annotating meetings: the number of agenda items `user` sees (ADR 0011). The keeper of
    the Veiligheidshuis's file sees them all: the count kept on the meeting (`weegploeg.counts`,
    issue 13); a kernpartij member the visible ones: as kept for their one group that sees the
    meeting (`weegploeg.sight`, ADR 0039), else counted for the rows shown."""
    return DbCase(
        When(veiligheidshuis__in=kept_regions(user).values("pk"), then=F("item_count")),
        default=sight.shown_count(user, count_of(visible_agenda_items(user), "meeting")),
    )


def get_meeting_for(user, pk) -> Meeting:
    """The meeting with its Veiligheidshuis (named on its page), or 404 for who may not see it."""
    meetings = meetings_for(user).select_related("veiligheidshuis")
    meeting = meetings.filter(pk=pk).first() if str(pk).isdigit() else None
    if meeting is None:
        raise Http404
    return meeting


def visible_agenda_items(user):
    """The agenda items `user` sees: those of the assessments they may see (for the keeper:
    every assessment of its Veiligheidshuis), read from the permission rows without reading the
    assessments in between (issue 13: `permissions.seen_assessment_q`)."""
    return AgendaItem.objects.filter(permissions.seen_assessment_q(user, "assessment"))


def agenda_items_for(user, meeting: Meeting):
    """The agenda items of `meeting` that `user` sees."""
    return visible_agenda_items(user).filter(meeting=meeting)


# --- what can be done now with a dossier (U3): one rule for the page, the forms and the services


def fitting_casusoverleggen(assessment: Assessment):
    """W6: the casusoverleggen a decided "agenderen" dossier can go to now: those of its own
    Veiligheidshuis that did not receive the standing decision yet. The transfer form offers
    these only, and `services.agendeer` refuses any other."""
    from cases.models import CasusOverleg

    fitting = CasusOverleg.objects.filter(veiligheidshuis=assessment.veiligheidshuis_id)
    decision = assessment.decisions.first()
    if decision is not None:
        done = assessment.case_transfers.filter(transferred_at__gte=decision.decided_at)
        fitting = fitting.exclude(name__in=done.values("casusoverleg_name"))
    return fitting.order_by("name")


def advisable_parties(region: Veiligheidshuis):
    """W3, CTER 7.3: the parties the weegploeg may advise to take part in the case: the
    casuspartijen and external partners active in the region now (never a kernpartij)."""
    return region_parties(region).exclude(role=PartyRole.KERNPARTIJ)
