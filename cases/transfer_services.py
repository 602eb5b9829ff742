"""Data moving between casusoverleggen (C10; VH 19, 20.2b).

No data move from one casusoverleg's file to another's, with one exception: a subject who moved
to another Veiligheidshuis. Then, on request of the casusoverleg there and after a check by its
controller, a copy of the case goes to that casusoverleg, recorded on both sides. There is no
other function that moves data between casusoverleggen, on purpose."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import informing
from cases.constants import CaseStatus
from cases.counts import recount_cases
from cases.models import Case, CasusOverleg, CopyOut, Measure, PlanGoal, RelatedPerson
from cases.selectors import is_keeper, may_request_copy
from cases.services import FILE_LABEL, open_case
from parties.constants import PartyRole
from parties.models import User
from subjects.copies import person_copy, signal_copy
from subjects.dossier import changes_dossier
from subjects.guard import validate_fields


@changes_dossier("case", "return")
def copy_for_moved_subject(
    case: Case,
    *,
    to: CasusOverleg,
    by: User,
    requested_by: User,
    checked_by: User,
    check_note: str,
) -> Case:
    """C10, VH 20.2b: a copy of an active case for the casusoverleg where the subject moved.

    `by` is the keeper of the case who hands the copy over; `requested_by` asked for it on behalf
    of the receiving casusoverleg; `checked_by`, a keeper of the receiving casusoverleg's
    Veiligheidshuis (its controller's uitvoerder), checked the legal basis and the need and
    wrote `check_note`. The copy (NAW, signals, findings, goals, measures and related people, as
    new rows) becomes a new case there with a Transfer from this case; this case gets a CopyOut.
    Returns the new case."""
    if not is_keeper(by, case.casusoverleg):
        raise PermissionDenied
    if not may_request_copy(requested_by, to):
        raise PermissionDenied
    if not is_keeper(checked_by, to):
        raise PermissionDenied
    if case.status != CaseStatus.ACTIVE:
        raise ValidationError(_("Only an active case is copied to another casusoverleg."))
    if to.veiligheidshuis_id == case.casusoverleg.veiligheidshuis_id:
        raise ValidationError(
            {
                "to": _(
                    "Data go only to the casusoverleg of another Veiligheidshuis, where the "
                    "subject moved."
                )
            }
        )
    if not check_note.strip():
        raise ValidationError({"check_note": _("Record the check by the receiving controller.")})

    signals = list(case.signals.select_related("brought_by"))
    findings = list(case.findings.all())
    goals = list(case.goals.all())
    measures = list(case.measures.select_related("owner"))
    related = list(case.related_people.all())
    receiving = set(to.participants.values_list("pk", flat=True))
    participants = [
        participant.party
        for participant in case.participants.filter(until__isnull=True).select_related("party")
        if participant.party.role != PartyRole.EXTERN and participant.party.pk in receiving
    ]
    what = [
        {"kind": "personal_details"},
        {"kind": "signals", "count": len(signals)},
        {"kind": "findings", "count": len(findings)},
        {"kind": "goals", "count": len(goals)},
        {"kind": "measures", "count": len(measures)},
        {"kind": "related_people", "count": len(related)},
    ]
    copy = open_case(
        casusoverleg=to,
        person=person_copy(case),
        identity_method=case.identity_method,
        identity_note=case.identity_note,
        by=checked_by,
        participants=participants,
        signals=[signal_copy(signal) for signal in signals],
        findings=[
            {
                "framework_version": finding.framework_version,
                "criterion": finding.criterion,
                "finding": finding.finding,
                "explanation": finding.explanation,
            }
            for finding in findings
        ],
        source_file=FILE_LABEL,
        source_key=case.number,
        what=what,
    )
    transfer = copy.transfers.get()
    transfer.transferred_by, transfer.requested_by = by, requested_by
    transfer.checked_by, transfer.check_note = checked_by, check_note
    handed_over = ["transferred_by", "requested_by", "checked_by", "check_note"]
    validate_fields(transfer, handed_over)
    transfer.save(update_fields=handed_over)
    for goal in goals:
        PlanGoal.objects.create(case=copy, goal=goal.goal)
    for measure in measures:
        # A copy keeps the measure's status as it is: a new row, not a status change.
        row = Measure(
            case=copy,
            description=measure.description,
            owner=measure.owner,
            deadline=measure.deadline,
            status=measure.status,
            created_by=measure.created_by,
        )
        row.full_clean()
        row.save()
    recount_cases(copy)
    for person in related:
        row = RelatedPerson(
            case=copy,
            role=person.role,
            surname=person.surname,
            given_names=person.given_names,
            date_of_birth=person.date_of_birth,
            address=person.address,
            reason=person.reason,
        )
        row.full_clean()
        row.save()
        informing.related_person_registered(row, on=timezone.localdate())  # I5, VH 17.1
    out = CopyOut(
        case=case,
        to_casusoverleg=to,
        to_case_number=copy.number,
        what=what,
        requested_by=requested_by,
        checked_by=checked_by,
        check_note=check_note,
        copied_by=by,
    )
    out.full_clean()
    out.save()
    return copy
