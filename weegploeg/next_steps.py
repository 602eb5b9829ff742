"""What can be done now with a weegploeg dossier (U1, W3, W5): the summary's next step, the
actions offered, grouped by what they do, and `may_do`, which the action forms and services ask
before they act, so that a hidden button is also a refused action. Read rules it builds on stay
in `weegploeg.selectors`."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weegploeg.constants import Outcome
from weegploeg.models import AgendaItem, Assessment, Meeting
from weegploeg.selectors import fitting_casusoverleggen, may_keep, published_frameworks

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


def dossier_state(user, assessment: Assessment, *, may_keep_it: bool | None = None) -> DossierState:
    """U3: one place for what can be done now with this dossier, and which is the next step.
    Offers only what can succeed: analysis with a published referentiekader, a decision after
    an analysis, a weegploeg meeting for an open dossier (not the next step when it is on a
    coming agenda already), the transfer to a case only when a casusoverleg fits. The action
    views refuse what is not offered here, and the services check the same rules."""
    today = timezone.localdate()
    decision = assessment.decisions.first()
    items = list(
        AgendaItem.objects.filter(assessment=assessment)
        .select_related("meeting")
        .order_by("meeting__held_on", "pk")
    )
    coming = next((item.meeting for item in items if item.meeting.held_on >= today), None)
    discussed = any(item.meeting.held_on < today for item in items)
    # Read with the assessment on its page (`selectors.get_assessment_page`), else asked here.
    analysed = assessment.__dict__.get("analysed")
    state = DossierState(
        assessment=assessment,
        may_keep=may_keep(user, assessment) if may_keep_it is None else may_keep_it,
        decision=decision,
        analysed=analysed if analysed is not None else assessment.analyses.exists(),
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
            if _framework_published(assessment):
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


def _framework_published(assessment: Assessment) -> bool:
    """A referentiekader is published to analyse against: read with the assessment on its page
    (`selectors.get_assessment_page`), else asked here."""
    published = assessment.__dict__.get("framework_published")
    if published is not None:
        return published
    return published_frameworks().exists()


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
