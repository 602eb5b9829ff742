"""What a user sees of case meetings (C4; ADR 0011), and the choices for preparing one."""

from django.db.models import Case as DbCase
from django.db.models import Exists, F, OuterRef, Q, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import sight
from cases.constants import CASEMANAGER_FUNCTIONS, NEVER_CASEMANAGER, CaseStatus
from cases.models import Case, CaseMeeting, CaseParticipant, CasusOverleg, Discussion
from cases.permissions import kept_casusoverleg_ids, seen_case_q
from cases.selectors.cases import keepable_cases
from cases.selectors.keeping import (
    meeting_overleg_conditions,
    meeting_overleg_q,
    meeting_overleggen,
)
from config.api_input import as_id
from parties.constants import FileKind, PartyRole
from parties.models import FunctionGrant, Party, User
from parties.permissions import authorisations_of, may_act, remembered
from subjects.counters import count_of


def may_see_meetings(user) -> bool:
    """Whether the meeting pages are there for `user` at all: who chairs or keeps a
    casusoverleg, or sees a meeting. Asked by the menu on every page: one query, none for who
    is authorised for no ICO file (every way to a meeting goes through one, P8), and once per
    request.

    The same answer as "`meeting_overleggen` or `meetings_for` is not empty": a meeting is
    shown for an agenda item of a casusoverleg one chairs or keeps (then `meeting_overleggen`
    is not empty already) or for a case one sees on its agenda. So the query asks for a
    casusoverleg one chairs or keeps, or else one meeting seen through a case, read as
    `meetings_for` reads it (`cases.sight`, ADR 0039), never from every meeting (issue 13)."""
    if not may_act(user) or not any(g.kind == FileKind.ICO for g in authorisations_of(user)):
        return False
    if kept_casusoverleg_ids(user):
        return True

    def compute():
        overleggen = meeting_overleggen(user).order_by().values("pk")
        return overleggen.union(sight.seen_meetings(user).order_by(), all=True).exists()

    return remembered(user, "may_see_meetings", compute)


def visible_discussions(user):
    """The agenda items (discussions) of case meetings that `user` sees (ADR 0011): every one
    of a casusoverleg they chair or keep, otherwise those of the cases they may see."""
    if not may_act(user):
        return Discussion.objects.none()
    return Discussion.objects.filter(
        meeting_overleg_q(user, "meeting__casusoverleg") | seen_case_q(user, "case")
    )


def shown_case_count(user):
    """For annotating meetings: the number of cases on the agenda that `user` sees (ADR 0011).
    Who chairs or keeps the casusoverleg sees them all: the count kept on the meeting
    (`cases.counts`, issue 13); anyone else the visible ones: as kept for their one group that
    sees the meeting (`cases.sight`, ADR 0039), else counted for the rows shown."""
    return DbCase(
        When(meeting_overleg_q(user, "casusoverleg"), then=F("case_count")),
        default=sight.shown_count(user, count_of(visible_discussions(user), "meeting")),
    )


def meetings_for(user):
    """The case meetings `user` sees (ADR 0011): those with an agenda item they see
    (`visible_discussions`): a meeting of a casusoverleg they chair or keep with anything on
    its agenda, or one with a case they may see on it.

    Each side read from its own end (issue 13): the meetings of those casusoverleggen, and the
    meetings with a case seen, read from which of the user's groups see each meeting
    (`cases.sight`, worked out ahead, ADR 0039). Not every meeting's agenda probed against
    both, which read every agenda item of the country on each view of the list (150-300 ms at
    national scale, whoever asked), nor the agenda items of every case seen (the politie's
    thousands of cases, 20-30 ms a list)."""
    if not may_act(user):
        return CaseMeeting.objects.none()
    on_agenda = Exists(Discussion.objects.filter(meeting=OuterRef("pk")))
    chaired, kept = meeting_overleg_conditions(user, "casusoverleg")
    ids = (
        CaseMeeting.objects.filter(chaired, on_agenda).order_by().values("pk"),
        CaseMeeting.objects.filter(kept, on_agenda).order_by().values("pk"),
        sight.seen_meetings(user).order_by(),
    )
    return CaseMeeting.objects.filter(pk__in=ids[0].union(*ids[1:], all=True))


def get_meeting_for(user, pk) -> CaseMeeting:
    meeting = None
    if as_id(pk) is not None:
        meeting = meetings_for(user).select_related("casusoverleg", "chair").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def agenda_for(user, meeting: CaseMeeting, *, measures: bool = True):
    """The agenda items of `meeting` that `user` sees, each with its measures due unless
    `measures` is False (`meeting_services.agenda`)."""
    from cases.meeting_services import agenda

    seen = visible_discussions(user).filter(meeting=meeting)
    return agenda(meeting, among=seen, measures=measures)


def attending_partners(cases):
    """P6: the external partners that may attend a meeting about `cases` (a queryset or a list
    of cases): taking part in one of them now, their confidentiality declaration recorded. The
    one rule behind the meeting form's choices and `meeting_services.hold_meeting`'s check."""
    return Party.objects.filter(pk__in=_attending_partner_ids(cases))


def _attending_partner_ids(cases):
    """The pks of `attending_partners`, as a subquery: read from the few declared partners'
    side through their current participations (`active_participation_of_party`), not from every
    participant of every case (2,400 cases of a Veiligheidshuis at national scale; issue 13)."""
    declared = Party.objects.filter(role=PartyRole.EXTERN, declarations__isnull=False)
    taking_part = CaseParticipant.objects.filter(
        party__in=declared.values("pk"), case__in=cases, until__isnull=True
    )
    return taking_part.values("party")


def meeting_parties(overleggen):
    """Who may attend a meeting of these casusoverleggen: their parties, and the external
    partners of their cases (`attending_partners`; the form cannot know the agenda yet).
    `overleggen` a list of casusoverleggen (or their pks), written into the query as values, so
    that PostgreSQL estimates their cases from the column's statistics (issue 13: it joins the
    partners' participations to the cases' keys read from `case_keys_per_casusoverleg`, 1.6
    against 18 ms for the 2,430 cases of a Veiligheidshuis)."""
    members = CasusOverleg.participants.through.objects.filter(casusoverleg__in=overleggen)
    partners = _attending_partner_ids(Case.objects.filter(casusoverleg__in=overleggen))
    return Party.objects.filter(Q(pk__in=members.values("party")) | Q(pk__in=partners)).order_by(
        "name"
    )


def agenda_choices(user, overleggen):
    """The cases the keeper may put on an agenda: active cases it keeps of these overleggen,
    and archived ones of an overleg whose archive opens again by the agenda (VH 20.1)."""
    from cases.selectors.retention import reopening_by_agenda

    reopening = reopening_by_agenda(overleggen)
    return (
        keepable_cases(user)
        .filter(casusoverleg__in=overleggen)
        .filter(
            Q(status=CaseStatus.ACTIVE) | Q(status=CaseStatus.ARCHIVED, casusoverleg__in=reopening)
        )
        .order_by("number_order")
    )


def casemanager_choices(cases):
    """C4, VH 14.9: who can be the casemanager of one of `cases`, the one rule behind the form
    choices and the services' check: an active user acting (membership not ended) for a party
    that takes part in the case now and may act today, holding a function that does the work
    (`CASEMANAGER_FUNCTIONS`); never an external partner, and never whoever holds the
    beheerder's or the FG's function."""
    today = timezone.localdate()
    parties = Party.objects.active_on(today).filter(
        pk__in=CaseParticipant.objects.filter(case__in=cases, until__isnull=True).values("party")
    )
    return (
        User.objects.filter(
            is_active=True,
            membership__party__in=parties.exclude(role=PartyRole.EXTERN),
            membership__started_on__lte=today,
        )
        .filter(Q(membership__ended_on__isnull=True) | Q(membership__ended_on__gt=today))
        .filter(
            pk__in=FunctionGrant.objects.filter(function__in=CASEMANAGER_FUNCTIONS).values(
                "membership__user"
            )
        )
        .exclude(
            pk__in=FunctionGrant.objects.filter(function__in=NEVER_CASEMANAGER).values(
                "membership__user"
            )
        )
        .select_related("membership__party")
        .order_by("last_name", "first_name", "pk")
    )


def may_be_casemanager(case, user) -> bool:
    """Whether `user` can be the casemanager of `case` (`casemanager_choices`)."""
    return casemanager_choices([case]).filter(pk=user.pk).exists()


def casemanager_refusal() -> str:
    return _(
        "Choose a casemanager who works for a party taking part in this case; an external "
        "partner, the administrator and the data protection officer cannot be casemanager."
    )
