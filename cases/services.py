"""Every business action on a case of a casusoverleg (C1-C5, C9, C11, C12, W6, B1). Each checks
its rule, writes in one transaction and leaves the permissions right (`sync_case_permissions`);
every one that changes a case is decorated with `subjects.dossier.changes_dossier`, which
touches its last-processing date (B1). Status changes go through `cases.transitions`."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import informing, selectors
from cases.constants import (
    CASE_PREFIX,
    DECIDED_REASONS,
    CaseStatus,
    ClosingReason,
    MeasureStatus,
)
from cases.counts import recount_cases
from cases.models import (
    Case,
    CaseCheck,
    CaseFinding,
    CaseParticipant,
    CaseSignal,
    CasusOverleg,
    Closing,
    Measure,
    PlanGoal,
    ProgressNote,
    RelatedPerson,
    Transfer,
)
from cases.permissions import sync_case_permissions
from cases.selectors import casemanager_refusal, is_keeper, may_report_on, participation_refusal
from cases.transitions import CASE, transition
from config.concurrency import bump_version, claim_version
from parties.models import Party, User
from subjects.checking import due_for_check, mark_checked
from subjects.constants import CheckOutcome
from subjects.dossier import changes_dossier
from subjects.models import PERSON_FIELDS
from subjects.numbering import next_number, year_prefix
from subjects.reopening import reopen as reopen_dossier

FILE_LABEL = "ico"


def _require_keeper(user: User, casusoverleg: CasusOverleg) -> None:
    if not is_keeper(user, casusoverleg):
        raise PermissionDenied


def _require_active(case: Case) -> None:
    if case.status != CaseStatus.ACTIVE:
        raise ValidationError(_("This case is closed: reopen it first to change it."))


def _check_participant(casusoverleg: CasusOverleg, party: Party) -> None:
    refusal = participation_refusal(casusoverleg, party)
    if refusal is not None:
        raise ValidationError(refusal)


@changes_dossier("return")
def open_case(
    *,
    casusoverleg: CasusOverleg,
    person: dict,
    identity_method: str,
    identity_note: str = "",
    by: User,
    participants=(),
    advised=(),
    signals: list[dict] = (),
    findings: list[dict] = (),
    source_file: str = "",
    source_key: str = "",
    what: list = (),
) -> Case:
    """A new case in a casusoverleg, with how the subject's identity was established (C12) and
    what came along from the source file as copies (W6). `signals` hold behaviour, observed_on,
    brought_by (a Party), reporter_name and reporter_contact; `findings` hold framework_version,
    criterion, finding and explanation."""
    _require_keeper(by, casusoverleg)
    case = Case(
        number=next_number(year_prefix(CASE_PREFIX), Case),
        casusoverleg=casusoverleg,
        identity_method=identity_method,
        identity_note=identity_note,
        last_processed_at=timezone.now(),
        **{key: person.get(key, "") for key in PERSON_FIELDS},
    )
    case.full_clean()
    case.save()
    for party in participants:
        _check_participant(casusoverleg, party)
        CaseParticipant.objects.create(
            case=case, party=party, advised_by_weegploeg=party in set(advised)
        )
    for signal in signals:
        row = CaseSignal(case=case, **signal)
        row.full_clean()
        row.save()
    for finding in findings:
        row = CaseFinding(case=case, **finding)
        row.full_clean()
        row.save()
    if source_file:
        Transfer.objects.create(
            case=case,
            source_file=source_file,
            source_key=source_key,
            what=list(what),
            transferred_by=by,
        )
    sync_case_permissions(case)
    informing.registered(case, on=timezone.localdate())
    return case


@changes_dossier("case")
def add_participant(case: Case, party: Party, *, by: User) -> CaseParticipant:
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    _check_participant(case.casusoverleg, party)
    if case.participants.filter(party=party, until__isnull=True).exists():
        raise ValidationError(_("This party already takes part in the case."))
    if not selectors.addable_parties(case).filter(pk=party.pk).exists():
        raise ValidationError(
            _("%(party)s cannot take part in this case: choose a party of this casusoverleg.")
            % {"party": party.name}
        )
    participant = CaseParticipant.objects.create(case=case, party=party)
    sync_case_permissions(case)
    return participant


@changes_dossier("case")
def end_participation(case: Case, party: Party, *, by: User) -> None:
    """A party that stops taking part loses access at once (C1)."""
    _require_keeper(by, case.casusoverleg)
    updated = case.participants.filter(party=party, until__isnull=True)
    participant = updated.first()
    if participant is None:
        raise ValidationError(_("This party does not take part in the case."))
    participant.until = timezone.now()
    participant.save(update_fields=["until"])
    sync_case_permissions(case)


@changes_dossier("case")
def set_casemanager(
    case: Case, casemanager: User | None, *, by: User, expected_version: int | None = None
) -> Case:
    """The keeper, or a chair of the casusoverleg recording a meeting's outcome (VH 14.9)."""
    overleg = case.casusoverleg
    if not (selectors.chair_records(by, overleg) or is_keeper(by, overleg)):
        raise PermissionDenied
    _require_active(case)
    if casemanager is not None and not selectors.may_be_casemanager(case, casemanager):
        raise ValidationError({"casemanager": casemanager_refusal()})
    claim_version(case, expected_version)
    case.casemanager = casemanager
    case.save(update_fields=["casemanager", "version"])
    return case


@changes_dossier("case")
def add_related_person(case: Case, *, by: User, **fields) -> RelatedPerson:
    """C2: an achterblijver or a person of the social network, with why the plan needs them."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    person = RelatedPerson(case=case, **fields)
    person.full_clean()
    person.save()
    informing.related_person_registered(person, on=timezone.localdate())
    return person


@changes_dossier("case")
def set_goals(case: Case, goals, *, by: User, expected_version: int | None = None) -> None:
    """C3: the goals of the plan of approach, from CTER 3a-f, as a whole: refused when someone
    else changed them after `expected_version` of the case was read (S1)."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    goals = set(goals)
    if not goals:
        raise ValidationError({"goals": _("Choose at least one goal.")})
    bump_version(case, expected_version)
    case.goals.exclude(goal__in=goals).delete()
    for goal in goals - set(case.goals.values_list("goal", flat=True)):
        PlanGoal.objects.create(case=case, goal=goal)


@changes_dossier("case")
def add_measure(case: Case, *, by: User, description: str, owner: Party, deadline: date) -> Measure:
    """C3: a measure owned by a party or partner that takes part, with a deadline."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    if not case.participants.filter(party=owner, until__isnull=True).exists():
        raise ValidationError({"owner": _("The owner takes part in the case.")})
    measure = Measure(
        case=case, description=description, owner=owner, deadline=deadline, created_by=by
    )
    measure.full_clean()
    measure.save()
    recount_cases(case)
    return measure


@changes_dossier("measure.case")
def report_progress(
    measure: Measure,
    *,
    by: User,
    text: str,
    status: str | None = None,
    expected_version: int | None = None,
) -> ProgressNote:
    """CTER 9.4: progress of a measure, and its new status; refused when someone else reported
    after `expected_version` of the measure was read (S1)."""
    if not may_report_on(by, measure):
        raise PermissionDenied
    _require_active(measure.case)
    claim_version(measure, expected_version)
    note = ProgressNote(case=measure.case, measure=measure, text=text, written_by=by)
    note.full_clean()
    note.save()
    if status is not None and status != measure.status:
        if status not in MeasureStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        transition(measure, status, by=by)
    measure.save(update_fields=["version"])
    recount_cases(measure.case)
    return note


@changes_dossier("measure.case")
def change_measure_status(
    measure: Measure, *, by: User, status: str, expected_version: int | None = None
) -> Measure:
    """C3, CTER 9.4: a measure's status changed on its own, as `cases.transitions` allows, by
    whoever reports on it; refused when someone else changed the measure after
    `expected_version` was read (S1)."""
    if not may_report_on(by, measure):
        raise PermissionDenied
    _require_active(measure.case)
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    claim_version(measure, expected_version)
    if status != measure.status:
        transition(measure, status, by=by)
    measure.save(update_fields=["version"])
    recount_cases(measure.case)
    return measure


@changes_dossier("case")
def advise_closing(case: Case, *, by: User, advice: str, advised_on: date) -> Closing:
    """C5, CTER 9.4: the casusoverleg advises the kernpartijen in the driehoek to close."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    closing = Closing(case=case, advice=advice, advised_on=advised_on)
    closing.full_clean()
    closing.save()
    return closing


@changes_dossier("case")
def decide_closing(case: Case, *, by: User, reason: str, decided_on: date) -> Closing:
    """C5: the decision to close, with its reason (VH 20.2) and date (10.2h). A closed case is
    read-only except through a recorded reopening."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    closing = case.closings.filter(decided_on__isnull=True, reopened_at__isnull=True).first()
    if closing is None:
        raise ValidationError(_("Record the advice to the driehoek first."))
    if reason not in DECIDED_REASONS:
        raise ValidationError({"reason": _("Choose the reason for closing.")})
    closing.reason, closing.decided_on, closing.decided_by = reason, decided_on, by
    closing.save(update_fields=["reason", "decided_on", "decided_by"])
    transition(case, CaseStatus.CLOSED, by=by)
    sync_case_permissions(case)
    informing.closed(case, on=decided_on)
    return closing


@changes_dossier("case")
def end_processing(case: Case, *, by: User, reason: str, ended_on: date | None = None) -> Closing:
    """R7, VH 18.4: an upheld objection ends the processing: a closing decided at once with the
    reason OBJECTION (its advice holds the reasons of the decision on the objection), the case
    closed through its transition table; it then goes to retention like every closed case
    (B3, B4). Who may is the rule of the request's handler (`rights.permissions`): the registry
    is reached only through the rights services. The decision on the objection is the letter
    that informs the subject, so no closing duty starts (docs/adr/0013)."""
    _require_active(case)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons of the decision on the objection.")})
    ended_on = ended_on or timezone.localdate()
    closing = Closing(
        case=case,
        advice=reason,
        advised_on=ended_on,
        reason=ClosingReason.OBJECTION,
        decided_on=ended_on,
        decided_by=by,
    )
    closing.full_clean()
    closing.save()
    transition(case, CaseStatus.CLOSED, by=by)
    sync_case_permissions(case)
    return closing


@changes_dossier("case")
def reopen(case: Case, *, by: User, reason: str) -> Case:
    """A closed case is discussed again (VH 15.2) after a recorded reopening of its decision to
    close."""
    _require_keeper(by, case.casusoverleg)
    if case.status != CaseStatus.CLOSED:  # an archived case is reactivated (B5) before anything
        raise ValidationError(_("Only a closed case is reopened."))
    reopen_dossier(
        case,
        workflow=CASE,
        to=CaseStatus.ACTIVE,
        record=case.closings.filter(decided_on__isnull=False, reopened_at__isnull=True).first,
        by=by,
        reason=reason,
    )
    sync_case_permissions(case)
    return case


@transaction.atomic
def archive(case: Case, *, by: User | None) -> Case:
    """B3: to the non-active archive, open to kernpartijen only (CTER 13.2). Archiving is not a
    processing of the data, so the last-processing date stays."""
    if case.status != CaseStatus.ARCHIVED:
        transition(case, CaseStatus.ARCHIVED, by=by)
        case.archived_at = timezone.now()
        case.save(update_fields=["archived_at"])
        sync_case_permissions(case)
    return case


@transaction.atomic
def reactivate(case: Case, *, by: User | None) -> Case:
    """B5, CTER 13.3: an archived case made available again on the controller's instruction,
    in the status it had (closed when its closing stands, else active); the audit trail
    records the change and who made it."""
    if case.status == CaseStatus.ARCHIVED:
        closed = case.closings.filter(decided_on__isnull=False, reopened_at__isnull=True).exists()
        transition(case, CaseStatus.CLOSED if closed else CaseStatus.ACTIVE, by=by)
        case.archived_at = None
        case.save(update_fields=["archived_at"])
        sync_case_permissions(case)
    return case


def check_queue(casusoverleg: CasusOverleg, *, days: int | None = None):
    """C9: the cases of the casusoverleg due for their periodic check (`CHECK_DAYS`)."""
    return due_for_check(casusoverleg.cases.all(), days=days)


@changes_dossier("case")
def record_check(case: Case, *, by: User, outcome: str, correction: str = "") -> CaseCheck:
    """C9, CTER 10.3: correct, or corrected (what, by whom); not in the archive (B3)."""
    _require_keeper(by, case.casusoverleg)
    if case.status == CaseStatus.ARCHIVED:
        raise ValidationError(selectors.archived_refusal(case.casusoverleg))
    if outcome not in CheckOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if outcome == CheckOutcome.CORRECTED and not correction.strip():
        raise ValidationError({"correction": _("Say what was corrected.")})
    check = CaseCheck(case=case, outcome=outcome, correction=correction, checked_by=by)
    check.full_clean()
    check.save()
    mark_checked(case, check)
    return check
