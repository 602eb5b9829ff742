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

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.constants import PartyRole
from parties.models import Party, Veiligheidshuis
from parties.permissions import membership_of
from subjects.restriction import visible_rows
from weegploeg import permissions
from weegploeg.constants import AssessmentStatus, Outcome
from weegploeg.models import AgendaItem, Assessment, Meeting

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


def get_keepable_assessment(user, number: str) -> Assessment | None:
    return keepable_assessments(user).filter(number=number).first()


def dossier_rows(user, model):
    """The rows of `model` (signals, analyses, decisions, agenderingen) in the assessments
    `user` may see; a restricted row only for the keeper of its file, marked (R6)."""
    return visible_rows(
        model,
        Q(assessment__in=visible_assessments(user)),
        kept_filter=Q(assessment__veiligheidshuis__in=kept_regions(user).values("pk")),
    )


def sees_restricted(user, assessment: Assessment) -> bool:
    """R6: the keeper of the dossier's weegploeg file (`parties.permissions.is_file_keeper`)
    sees its restricted items, marked; nobody else sees them."""
    return permissions.is_keeper(user, assessment.veiligheidshuis)


def restrictable_rows(assessment: Assessment) -> list:
    """The rows of the dossier that can be restricted, as read (prefetched) for a page."""
    return [
        *assessment.signals.all(),
        *assessment.additional_information.all(),
        *assessment.expert_advice.all(),
    ]


def may_keep(user, assessment: Assessment) -> bool:
    return keepable_assessments(user).filter(pk=assessment.pk).exists()


def is_keeper(user) -> bool:
    """Keeps the weegploeg file of at least one Veiligheidshuis (P8: the uitvoerder there, with
    read-write on that file)."""
    return kept_regions(user).exists()


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


def known_dossiers(user, region: Veiligheidshuis, person: dict):
    """W1, the intake's duplicate warning (page and API alike): the dossiers of the region that
    are probably about this person (BSN, or name and date of birth), only those `user` may see,
    by number. Nothing of a dossier the user may not see is revealed."""
    from weegploeg.services import possible_duplicates

    return (
        possible_duplicates(region, **person)
        .filter(pk__in=visible_assessments(user).values("pk"))
        .order_by("number")
    )


def check_queue_for(user, *, days: int):
    """W5: the assessments the keeper keeps that are not checked for `days` days."""
    from weegploeg.services import check_queue

    due = Assessment.objects.none()
    for region in kept_regions(user):
        due |= check_queue(region, days=days)
    return keepable_assessments(user).filter(pk__in=due.values("pk"))


def open_for_agenda(user):
    """The assessments the keeper may put on a weegploeg meeting's agenda."""
    return keepable_assessments(user).filter(status=AssessmentStatus.OPEN).order_by("number")


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
            .filter(role=PartyRole.KERNPARTIJ, veiligheidshuizen__in=kept_regions(user))
            .distinct()
            .order_by("name")
        )
    membership = membership_of(user)
    return Party.objects.filter(pk=membership.party_id) if membership else Party.objects.none()


def may_enter_signals(user) -> bool:
    """W1, P8: whether the intake can succeed for `user` at all: a party in `intake_parties` that
    they may enter a signal for in one of their Veiligheidshuizen (the rule is
    `services.may_enter_signal_for`). A member authorised read-only is offered no intake."""
    from weegploeg.services import may_enter_signal_for

    regions = list(regions_of(user))
    return any(
        may_enter_signal_for(user, party, region)
        for party in intake_parties(user)
        for region in regions
    )


# --- meetings ----------------------------------------------------------------------------------


def meetings_for(user):
    """The weegploeg meetings `user` sees (ADR 0011): every meeting of a Veiligheidshuis whose
    file they keep, and a meeting with an assessment on its agenda that they may see."""
    if not may_use_file(user):
        return Meeting.objects.none()
    visible_item = AgendaItem.objects.filter(
        meeting=OuterRef("pk"), assessment__in=visible_assessments(user)
    )
    return Meeting.objects.filter(
        Q(veiligheidshuis__in=kept_regions(user).values("pk")) | Q(Exists(visible_item))
    )


def get_meeting_for(user, pk) -> Meeting:
    meeting = meetings_for(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if meeting is None:
        raise Http404
    return meeting


def visible_agenda_items(user):
    """The agenda items `user` sees: those of the assessments they may see (for the keeper:
    every assessment of its Veiligheidshuis)."""
    return AgendaItem.objects.filter(assessment__in=visible_assessments(user))


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


# Action keys; the views name theirs, the services guard theirs.
ANALYSE, INFORMATION, ADVICE, CHECK = "analyse", "information", "advice", "check"
AGENDEER, TRANSFER, DECIDE, REOPEN = "agendeer", "transfer", "decide", "reopen"


@dataclass(frozen=True)
class Action:
    """One thing the user can do with the dossier now. `group` says what it does: "work" (add
    to the dossier), "agenda" (bring it to a meeting), "decision" (decide or reopen: they stand
    apart and ask for confirmation on their form)."""

    key: str
    label: str
    url: str
    group: str


ACTION_LABELS = {
    ANALYSE: _("Record analysis"),
    INFORMATION: _("Add information"),
    ADVICE: _("Record expert advice"),
    CHECK: _("Record check"),
    AGENDEER: _("Put on a weegploeg meeting"),
    TRANSFER: _("Put on the agenda of a casusoverleg"),
    DECIDE: _("Decide"),
    REOPEN: _("Reopen"),
}
ACTION_GROUPS = {
    ANALYSE: "work",
    INFORMATION: "work",
    ADVICE: "work",
    CHECK: "work",
    AGENDEER: "agenda",
    TRANSFER: "agenda",
    DECIDE: "decision",
    REOPEN: "decision",
}


@dataclass
class DossierState:
    """What the summary of a dossier says and offers: the standing decision, whether it is
    analysed, the coming weegploeg meeting with it on the agenda, when the periodic check is
    due, and what the user can do now, the next step first."""

    assessment: Assessment
    may_keep: bool
    decision: object
    analysed: bool
    coming_meeting: Meeting | None
    discussed: bool
    check_due_on: date
    actions: list = field(default_factory=list)
    primary: Action | None = None
    next_step: str = ""

    @property
    def check_due(self) -> bool:
        return self.check_due_on <= timezone.localdate()

    @property
    def keys(self) -> set[str]:
        return {action.key for action in self.actions}

    def grouped(self) -> list[tuple[str, str, list[Action]]]:
        """The actions other than the primary one, by what they do."""
        titles = {
            "work": _("Add to the dossier"),
            "agenda": _("Meetings"),
            "decision": _("Decision (asks for confirmation)"),
        }
        groups = []
        for group, title in titles.items():
            shown = [a for a in self.actions if a.group == group and a != self.primary]
            if shown:
                groups.append((group, title, shown))
        return groups


def check_due_on(assessment: Assessment) -> date:
    """W5: the day the periodic check falls due (`CHECK_DAYS` after the last check, or after
    the creation when never checked)."""
    since = assessment.last_checked_at or assessment.created_at
    return timezone.localtime(since).date() + timedelta(days=settings.CHECK_DAYS)


def dossier_state(user, assessment: Assessment) -> DossierState:
    """U3: one place for what can be done now with this dossier, and which is the next step.
    Offers only what can succeed: analysis with a published referentiekader, a decision after
    an analysis, a weegploeg meeting for an open dossier (not the next step when it is on a
    coming agenda already), the transfer to a case only when a casusoverleg fits. The action
    views refuse what is not offered here, and the services check the same rules."""
    from weegploeg.models import FrameworkVersion

    today = timezone.localdate()
    decision = assessment.decisions.first()
    items = list(
        AgendaItem.objects.filter(assessment=assessment)
        .select_related("meeting")
        .order_by("meeting__held_on", "pk")
    )
    coming = next((item.meeting for item in items if item.meeting.held_on >= today), None)
    discussed = any(item.meeting.held_on < today for item in items)
    state = DossierState(
        assessment=assessment,
        may_keep=may_keep(user, assessment),
        decision=decision,
        analysed=assessment.analyses.exists(),
        coming_meeting=coming,
        discussed=discussed,
        check_due_on=check_due_on(assessment),
    )
    keys: list[str] = []
    if state.may_keep and assessment.archived_at is None:
        if assessment.is_decided:
            to_be_agendered = decision is not None and decision.outcome == Outcome.AGENDEREN
            if to_be_agendered and fitting_casusoverleggen(assessment).exists():
                keys.append(TRANSFER)
            keys.append(REOPEN)
        else:
            if FrameworkVersion.objects.filter(published_at__isnull=False).exists():
                keys.append(ANALYSE)
            keys += [INFORMATION, ADVICE, AGENDEER]
            if state.analysed:
                keys.append(DECIDE)
        keys.append(CHECK)
    number = assessment.number
    urls = {
        ANALYSE: "weegploeg:analysis-create",
        INFORMATION: "weegploeg:information-create",
        ADVICE: "weegploeg:advice-create",
        CHECK: "weegploeg:check-create",
        TRANSFER: "weegploeg:agendering",
        DECIDE: "weegploeg:decision-create",
        REOPEN: "weegploeg:reopen",
    }
    for key in keys:
        if key == AGENDEER:
            url = f"{reverse('weegploeg:meeting-create')}?dossier={number}"
        else:
            url = reverse(urls[key], kwargs={"number": number})
        state.actions.append(Action(key, ACTION_LABELS[key], url, ACTION_GROUPS[key]))
    by_key = {action.key: action for action in state.actions}
    state.next_step, primary = _next_step(state)
    state.primary = by_key.get(primary)
    return state


def _next_step(state: DossierState) -> tuple[str, str]:
    """The next step of the work in words, and the action that does it."""
    assessment = state.assessment
    if assessment.archived_at is not None:
        return _("Archived: nothing to do."), ""
    if assessment.is_decided:
        if TRANSFER in state.keys:
            return _("Put the subject on the agenda of a casusoverleg."), TRANSFER
        agendered = state.decision is not None and state.decision.outcome == Outcome.AGENDEREN
        if agendered and not assessment.case_transfers.exists():
            return _("To a casusoverleg, once one of this Veiligheidshuis can receive it."), ""
        return _("Decided: nothing to do but the periodic check."), ""
    if not state.analysed:
        return _("Record the analysis against the referentiekader."), ANALYSE
    if state.coming_meeting is not None:
        return _("Decide after the weegploeg meeting."), DECIDE
    if state.discussed:
        return _("Decide."), DECIDE
    return _("Put the dossier on the agenda of a weegploeg meeting, or decide."), AGENDEER


def may_do(user, assessment: Assessment, key: str) -> bool:
    return key in dossier_state(user, assessment).keys
