"""Case meetings of a casusoverleg (C4; VH 14.9-10). The keeper holds a meeting with a chair,
the attendees per party and an agenda of active cases (an archived case of a module whose
archive opens by the agenda is made available again by it, VH 20.1); each discussion ends with
how the approach is carried out, a casemanager where needed and how the subject is informed,
recorded in the case's file. The minutes are final once the chair approves them."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import selectors, services, sight
from cases.constants import CaseStatus
from cases.counts import recount_meetings
from cases.models import Case, CaseMeeting, CasusOverleg, Discussion, Measure
from cases.permissions import may_record_in
from cases.selectors import due_q, is_chair_of, is_keeper, with_overdue
from cases.services import (
    _require_active,
    _require_keeper,
    set_casemanager,
)
from config.concurrency import claim_version
from parties.models import Party, User
from parties.permissions import may_act
from retention.services.reactivation import record_agenda_reactivation
from subjects.dossier import changes_dossier
from subjects.registry import DossierRef


def is_chair(user: User, meeting: CaseMeeting) -> bool:
    """The chair of this meeting, while they may act."""
    return user.pk == meeting.chair_id and may_act(user)


def _chair_records(user: User, meeting: CaseMeeting) -> bool:
    """The chair records in the casusoverleg's file only with read-write on it (P8)."""
    return is_chair(user, meeting) and may_record_in(user, meeting.casusoverleg)


def _check_attendees(casusoverleg: CasusOverleg, attendees: list[Party], cases: list[Case]):
    """Parties of the casusoverleg, or external partners that take part in one of the cases and
    whose confidentiality declaration is recorded (P6)."""
    if not attendees:
        raise ValidationError({"attendees": _("Name the parties present.")})
    members = set(casusoverleg.participants.values_list("pk", flat=True))
    partners = set(selectors.attending_partners(cases).values_list("pk", flat=True))
    strangers = [party.name for party in attendees if party.pk not in members | partners]
    if strangers:
        raise ValidationError(
            {
                "attendees": _("%(parties)s do not take part in this casusoverleg or its cases.")
                % {"parties": ", ".join(strangers)}
            }
        )


@changes_dossier("cases")
def hold_meeting(
    *,
    casusoverleg: CasusOverleg,
    held_on: date,
    chair: User,
    attendees,
    cases,
    by: User,
) -> CaseMeeting:
    """C4: a meeting of the casusoverleg with its chair, attendees and agenda of active cases;
    each case gets a discussion to record."""
    _require_keeper(by, casusoverleg)
    if not is_chair_of(chair, casusoverleg):
        raise ValidationError({"chair": _("The chair is one of the chairs of this casusoverleg.")})
    cases = list(dict.fromkeys(cases))
    if not cases:
        raise ValidationError({"cases": _("Put at least one case on the agenda.")})
    for case in cases:
        if case.casusoverleg_id == casusoverleg.pk and case.status == CaseStatus.ARCHIVED:
            _reopen_from_archive(case, held_on=held_on, by=by)
    if any(
        case.casusoverleg_id != casusoverleg.pk or case.status != CaseStatus.ACTIVE
        for case in cases
    ):
        raise ValidationError(
            {"cases": _("Only active cases of this casusoverleg go on its agenda.")}
        )
    attendees = list(dict.fromkeys(attendees))
    _check_attendees(casusoverleg, attendees, cases)
    meeting = CaseMeeting.objects.create(casusoverleg=casusoverleg, held_on=held_on, chair=chair)
    meeting.attendees.set(attendees)
    for case in cases:
        Discussion.objects.create(meeting=meeting, case=case)
    recount_meetings(meeting)
    sight.refresh([meeting])
    return meeting


def _reopen_from_archive(case: Case, *, held_on: date, by: User) -> None:
    """VH 20.1: in a module whose archive runs from the last time on the agenda, putting an
    archived case on the agenda again makes it available again (recorded as a reactivation by
    the agenda, B5) and, when it was closed before it went to the archive, reopens it with that
    as its reason (C5). In the CTER ICO an archived case is made available again only on the
    controller's instruction (CTER 13.3): refused. Runs in the meeting's transaction."""
    if not selectors.reopens_by_agenda(case.casusoverleg):
        raise ValidationError(
            {
                "cases": _(
                    "Case %(number)s is archived: an archived case is made available again only "
                    "on the controller's instruction: ask the controller first."
                )
                % {"number": case.number}
            }
        )
    services.reactivate(case, by=by)
    record_agenda_reactivation(DossierRef(services.FILE_LABEL, case.number), by=by)
    case.refresh_from_db()
    if case.status == CaseStatus.CLOSED:
        services.reopen(
            case,
            by=by,
            reason=_("Put on the agenda of the meeting of %(date)s again.")
            % {"date": held_on.strftime("%d-%m-%Y")},
        )


@dataclass(frozen=True)
class AgendaItem:
    discussion: Discussion
    case: Case

    @property
    def measures(self) -> list[Measure]:
        """The open measures due by the meeting, overdue ones included
        (`selectors.measures_due`); each with `is_overdue`: its deadline passed before the
        meeting. Read by `agenda` or `add_measures_due`."""
        return self.case.due_measures


def agenda(meeting: CaseMeeting, *, among=None, measures: bool = True) -> list[AgendaItem]:
    """C4: per case on the agenda, the measures due or overdue by the meeting
    (`add_measures_due`; `measures=False` leaves them to be read for the items shown).
    `among`: only the discussions among these (a queryset, read in the same query)."""
    discussions = meeting.discussions.all()
    if among is not None:
        discussions = discussions.filter(pk__in=among.values("pk"))
    discussions = discussions.select_related("case", "casemanager").order_by("case__number_order")
    items = []
    for discussion in discussions:
        discussion.meeting = meeting
        items.append(AgendaItem(discussion, discussion.case))
    if measures:
        add_measures_due(meeting, items)
    return items


def add_measures_due(meeting: CaseMeeting, items: list[AgendaItem]) -> None:
    """The measures due of each item (`AgendaItem.measures`), in one query for all of them and
    not again for a case that has them; the filter is that of
    `cases.selectors.measures_due(case, until=meeting.held_on)`."""
    due = with_overdue(
        Measure.objects.filter(due_q(until=meeting.held_on)),
        on=meeting.held_on,
    ).select_related("owner")
    cases = [item.case for item in items if not hasattr(item.case, "due_measures")]
    prefetch_related_objects(cases, Prefetch("measures", queryset=due, to_attr="due_measures"))


def _require_open(meeting: CaseMeeting) -> None:
    if meeting.approved_at is not None:
        raise ValidationError(
            _("The minutes of this meeting are approved and can no longer be changed.")
        )


@changes_dossier("discussion.case")
def record_discussion(
    discussion: Discussion,
    *,
    by: User,
    minutes: str,
    approach: str,
    casemanager: User | None,
    informing: str,
    expected_version: int | None = None,
) -> Discussion:
    """VH 14.9-10: what the discussion of a case ended with, recorded in its file by the chair
    or the keeper while the minutes are not approved."""
    meeting = discussion.meeting
    keeper = is_keeper(by, meeting.casusoverleg)
    if not (keeper or _chair_records(by, meeting)):
        raise PermissionDenied
    _require_open(meeting)
    case = discussion.case
    _require_active(case)
    errors = {}
    if not approach.strip():
        errors["approach"] = _("Record how the approach will be carried out.")
    if not informing.strip():
        errors["informing"] = _("Record how the subject will be informed.")
    if casemanager is not None and not selectors.may_be_casemanager(case, casemanager):
        errors["casemanager"] = selectors.casemanager_refusal()
    if errors:
        raise ValidationError(errors)
    claim_version(discussion, expected_version)
    discussion.minutes, discussion.approach, discussion.informing = minutes, approach, informing
    discussion.casemanager = casemanager
    discussion.full_clean()
    discussion.save()
    if casemanager is not None and case.casemanager_id != casemanager.pk:
        set_casemanager(case, casemanager, by=by)
    return discussion


@changes_dossier("meeting.discussions.case")
def approve_minutes(meeting: CaseMeeting, *, by: User) -> CaseMeeting:
    """C4: the chair approves the minutes; from then on they are final."""
    if not _chair_records(by, meeting):
        raise PermissionDenied
    _require_open(meeting)
    if meeting.discussions.filter(Q(approach="") | Q(informing="")).exists():
        raise ValidationError(
            _(
                "Every discussion records how the approach is carried out and how the subject "
                "is informed before the minutes are approved."
            )
        )
    meeting.approved_at = timezone.now()
    meeting.save(update_fields=["approved_at"])
    return meeting
