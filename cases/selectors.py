"""Every read rule of the ICO files, once (C1, C3, C4, C6, C7, S1; CTER 9.1, 10.4; VH 14-16).

Pages, API views, form choice lists and services ask these functions what a user may see, keep,
export or report on; none of them writes its own queryset for it, so a page and its API endpoint
cannot disagree. Which party groups hold which object permissions stays in
`cases.permissions` (the visible and keepable querysets are delegated to it).

A case meeting (docs/adr/0011-what-the-chair-sees.md): the keeper of the casusoverleg's file and
the chairs of the casusoverleg see every case on the agenda of its meetings, which they need to
lead the meeting (VH 14.3, 15.4, 16); any other user sees a meeting only when a case on its
agenda is visible to them, and then only those agenda items (CTER 9.1, 10.4). Nobody else learns
that the meeting exists.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import permissions
from cases.constants import OPEN_MEASURE_STATUSES, CaseStatus
from cases.models import (
    Case,
    CaseMeeting,
    CaseParticipant,
    CasusOverleg,
    Disclosure,
    Discussion,
    Measure,
)
from parties.constants import Function, PartyRole
from parties.models import Party, User
from parties.permissions import functions_of, may_act, membership_of

# --- cases -------------------------------------------------------------------------------------


def visible_cases(user):
    """Every case `user` may see: the one queryset behind every list, page and endpoint."""
    return permissions.visible_cases(user)


def keepable_cases(user):
    """The cases `user` keeps as uitvoerder."""
    return permissions.keepable_cases(user)


def may_see_cases(user) -> bool:
    return permissions.may_see_cases(user)


def get_visible_case(user, number: str) -> Case:
    """The case, or 404 for anyone who may not see it (never 403)."""
    case = visible_cases(user).filter(number=number).first()
    if case is None:
        raise Http404
    return case


def get_keepable_case(user, number: str) -> Case | None:
    return keepable_cases(user).filter(number=number).first()


def may_keep(user, case: Case) -> bool:
    return keepable_cases(user).filter(pk=case.pk).exists()


def may_export(user, case: Case) -> bool:
    """C7, CTER 8.6, 10.6: who may download or export a case, with the provider's permission
    recorded first. The keeper of the case's file does (CTER 10.1: the uitvoerder records the
    file); a participant asks the keeper, so the whole file never leaves through a reader."""
    return may_keep(user, case)


def may_take_part(casusoverleg: CasusOverleg, party: Party) -> bool:
    """C1, C11, P6: whether `party` can take part in a case of this casusoverleg."""
    from cases.services import participation_refusal

    return participation_refusal(casusoverleg, party) is None


def case_parties(case: Case):
    """The parties taking part in the case now: the choices of measure owners, providers."""
    return Party.objects.filter(
        pk__in=case.participants.filter(until__isnull=True).values("party")
    ).order_by("name")


def addable_parties(case: Case):
    """The parties that may be added to a case: of its casusoverleg, or an external partner of
    its Veiligheidshuis, not taking part already."""
    overleg = case.casusoverleg
    return (
        Party.objects.active_on(timezone.localdate())
        .filter(
            Q(pk__in=overleg.participants.values("pk"))
            | Q(role=PartyRole.EXTERN, veiligheidshuizen=overleg.veiligheidshuis_id)
        )
        .exclude(pk__in=case.participants.filter(until__isnull=True).values("party"))
        .distinct()
        .order_by("name")
    )


def visible_overleggen(user):
    """The casusoverleggen of the cases `user` may see (the filter of the case list)."""
    return CasusOverleg.objects.filter(pk__in=visible_cases(user).values("casusoverleg"))


# --- keeping, chairing, reporting ----------------------------------------------------------


def is_keeper(user: User, casusoverleg: CasusOverleg) -> bool:
    """The uitvoerder of the casusoverleg's Veiligheidshuis keeps its file."""
    membership = membership_of(user)
    return (
        may_act(user)
        and Function.UITVOERDER in functions_of(user)
        and membership.party.veiligheidshuizen.filter(pk=casusoverleg.veiligheidshuis_id).exists()
    )


def reportable_measures(user: User, case: Case, measures) -> set[int]:
    """C3, CTER 9.4: the measures of `case` on which `user` reports progress: all of them for
    the keeper and the casemanager, those its party owns for a member of that party."""
    if not may_act(user):
        return set()
    if case.casemanager_id == user.pk or is_keeper(user, case.casusoverleg):
        return {measure.pk for measure in measures}
    membership = membership_of(user)
    party_id = membership.party_id if membership is not None else None
    return {measure.pk for measure in measures if measure.owner_id == party_id}


def may_report_on(user: User, measure: Measure) -> bool:
    """The keeper, the casemanager, and members of the party that owns the measure."""
    return measure.pk in reportable_measures(user, measure.case, [measure])


def get_reportable_measure(user: User, number: str, pk) -> Measure | None:
    """The measure of a case `user` may see on which they report progress, or None."""
    measure = (
        Measure.objects.select_related("case__casusoverleg", "owner")
        .filter(case__in=visible_cases(user), case__number=number, pk=pk)
        .first()
    )
    return measure if measure is not None and may_report_on(user, measure) else None


# --- measures ----------------------------------------------------------------------------------


def overdue_q(prefix: str = "", *, today: date | None = None) -> Q:
    """C3: an open measure past its deadline; `prefix` for a lookup through a relation."""
    return Q(
        **{
            f"{prefix}status__in": OPEN_MEASURE_STATUSES,
            f"{prefix}deadline__lt": today or timezone.localdate(),
        }
    )


def is_overdue(measure: Measure, *, today: date | None = None) -> bool:
    return measure.status in OPEN_MEASURE_STATUSES and measure.deadline < (
        today or timezone.localdate()
    )


def overdue_measures(cases, *, today: date | None = None):
    """Open measures past their deadline, in the given cases (C3: they stand out)."""
    return Measure.objects.filter(overdue_q(today=today), case__in=cases)


def with_overdue(cases):
    """The cases annotated with `has_overdue_measures` (C3)."""
    overdue = Measure.objects.filter(overdue_q(), case=OuterRef("pk"))
    return cases.annotate(has_overdue_measures=Exists(overdue))


def measures_due(case: Case, *, until: date):
    """For a meeting's agenda: the open measures due by the meeting, overdue ones included (C4)."""
    return case.measures.filter(status__in=OPEN_MEASURE_STATUSES, deadline__lte=until)


# --- casusoverleggen and their meetings --------------------------------------------------------


def kept_overleggen(user):
    """The casusoverleggen whose file `user` keeps as uitvoerder."""
    if not (may_act(user) and Function.UITVOERDER in functions_of(user)):
        return CasusOverleg.objects.none()
    regions = membership_of(user).party.veiligheidshuizen.values("pk")
    return CasusOverleg.objects.filter(veiligheidshuis__in=regions)


def meeting_overleggen(user):
    """The casusoverleggen whose every meeting and agenda `user` sees: those they chair or keep."""
    if not may_act(user):
        return CasusOverleg.objects.none()
    return CasusOverleg.objects.filter(
        Q(chairs=user) | Q(pk__in=kept_overleggen(user).values("pk"))
    )


def may_see_meetings(user) -> bool:
    """Whether the meeting pages are there for `user` at all: who chairs or keeps a
    casusoverleg, or sees a meeting."""
    return meeting_overleggen(user).exists() or meetings_for(user).exists()


def visible_discussions(user):
    """The agenda items (discussions) of case meetings that `user` sees (ADR 0011): every one
    of a casusoverleg they chair or keep, otherwise those of the cases they may see."""
    if not may_act(user):
        return Discussion.objects.none()
    return Discussion.objects.filter(
        Q(meeting__casusoverleg__in=meeting_overleggen(user).values("pk"))
        | Q(case__in=visible_cases(user))
    )


def meetings_for(user):
    """The case meetings `user` sees (ADR 0011): those with an agenda item they see."""
    if not may_act(user):
        return CaseMeeting.objects.none()
    shown = visible_discussions(user).filter(meeting=OuterRef("pk"))
    return CaseMeeting.objects.filter(Exists(shown))


def get_meeting_for(user, pk) -> CaseMeeting:
    meeting = None
    if str(pk).isdigit():
        meeting = meetings_for(user).select_related("casusoverleg", "chair").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def agenda_for(user, meeting: CaseMeeting):
    """The agenda items of `meeting` that `user` sees, each with its measures due
    (`meeting_services.agenda`)."""
    from cases.meeting_services import agenda

    shown = set(visible_discussions(user).filter(meeting=meeting).values_list("pk", flat=True))
    return [item for item in agenda(meeting) if item.discussion.pk in shown]


def meeting_parties(overleggen):
    """Who may attend a meeting of these casusoverleggen: their parties, and external partners
    taking part in one of their cases whose declaration is recorded (P6)."""
    return (
        Party.objects.filter(
            Q(casusoverleggen__in=overleggen)
            | Q(
                role=PartyRole.EXTERN,
                declarations__isnull=False,
                pk__in=CaseParticipant.objects.filter(
                    case__casusoverleg__in=overleggen, until__isnull=True
                ).values("party"),
            )
        )
        .distinct()
        .order_by("name")
    )


def possible_chairs(overleggen):
    return User.objects.filter(
        pk__in=CasusOverleg.chairs.through.objects.filter(casusoverleg__in=overleggen).values(
            "user"
        )
    )


def agenda_choices(user, overleggen):
    """The cases the keeper may put on an agenda: active cases it keeps of these overleggen."""
    return (
        keepable_cases(user)
        .filter(status=CaseStatus.ACTIVE, casusoverleg__in=overleggen)
        .order_by("number")
    )


def casemanager_choices(cases):
    """Users acting for a party taking part in one of the cases."""
    parties = CaseParticipant.objects.filter(case__in=cases, until__isnull=True).values("party")
    return User.objects.filter(membership__party__in=parties).order_by(
        "last_name", "first_name", "pk"
    )


# --- copies for a subject who moved (C10) ---------------------------------------------------


def may_request_copy(user: User, casusoverleg: CasusOverleg) -> bool:
    """C10, VH 20.2b: a copy is requested from the receiving side: its keeper, or a member of
    one of its parties."""
    if is_keeper(user, casusoverleg):
        return True
    membership = membership_of(user)
    return (
        may_act(user)
        and membership is not None
        and casusoverleg.participants.filter(pk=membership.party_id).exists()
    )


def copy_request_errors(to: CasusOverleg, requested_by: User, checked_by: User) -> dict:
    """Field errors for a copy request (C10): the request from the receiving side, the check
    by the uitvoerder of the receiving controller."""
    errors = {}
    if not may_request_copy(requested_by, to):
        errors["requested_by"] = _(
            "The request comes from the keeper or a member of a party of the receiving "
            "casusoverleg."
        )
    if not is_keeper(checked_by, to):
        errors["checked_by"] = _(
            "The check is recorded by the uitvoerder of the receiving casusoverleg's "
            "Veiligheidshuis."
        )
    return errors


def copy_destinations(case: Case):
    """The casusoverleggen of other Veiligheidshuizen a copy of `case` may go to (VH 19)."""
    return (
        CasusOverleg.objects.exclude(veiligheidshuis=case.casusoverleg.veiligheidshuis_id)
        .select_related("veiligheidshuis")
        .order_by("veiligheidshuis__name", "name")
    )


def _people(users):
    return users.filter(is_active=True).distinct().order_by("last_name", "first_name", "pk")


def copy_checkers(case: Case):
    """The uitvoerders of the other Veiligheidshuizen: the receiving controller's check."""
    return _people(
        User.objects.filter(
            membership__functions__function=Function.UITVOERDER,
            membership__party__veiligheidshuizen__casusoverleggen__in=copy_destinations(case),
        )
    )


def copy_requesters(case: Case):
    """Who may ask for a copy on behalf of a destination: the members of its parties and its
    keepers (the service checks the chosen casusoverleg)."""
    members = Q(membership__party__casusoverleggen__in=copy_destinations(case))
    return _people(User.objects.filter(members | Q(pk__in=copy_checkers(case).values("pk"))))


# --- disclosures -------------------------------------------------------------------------------


def is_external_partner(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.party.is_external


def disclosures_for(user):
    """C6, P6: the disclosures a user of an external partner may see: those to its own party,
    while the party may act (declaration recorded, not left) and takes part in the case, and
    not once the case is archived (open to kernpartijen only)."""
    membership = membership_of(user)
    if membership is None or not may_act(user) or not membership.party.is_external:
        return Disclosure.objects.none()
    party = membership.party
    return Disclosure.objects.filter(
        partner=party,
        case__participants__party=party,
        case__participants__until__isnull=True,
    ).exclude(case__status=CaseStatus.ARCHIVED)


def visible_disclosures(user):
    """The disclosures `user` sees, page and API alike: an external partner those to its own
    party (C6); the keeper those of the cases it keeps (it made them)."""
    if is_external_partner(user):
        return disclosures_for(user)
    return Disclosure.objects.filter(case__in=keepable_cases(user))


def may_see_disclosures(user) -> bool:
    """The disclosure pages are there for an external partner that may act and for a keeper."""
    if is_external_partner(user):
        return may_act(user)
    return kept_overleggen(user).exists()


def get_visible_disclosure(user, pk) -> Disclosure:
    disclosure = visible_disclosures(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if disclosure is None:
        raise Http404
    return disclosure
