"""Every business action on the weegploeg file (W1-W7, I1, B1). Each checks its rule, writes in
one transaction and leaves the permissions right; every one that changes a dossier is decorated
with `subjects.dossier.changes_dossier`, which touches its last-processing date (B1). Status
changes go through `weegploeg.transitions`."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from config.concurrency import bump_version
from parties.constants import Function, PartyRole
from parties.models import Party, User, Veiligheidshuis
from parties.permissions import has_function, may_act, membership_of
from rights.services import forget_dossier, start_duty_to_inform
from subjects import matching
from subjects.checking import due_for_check, mark_checked
from subjects.copies import person_copy, signal_copy
from subjects.dossier import changes_dossier
from subjects.models import PERSON_FIELDS
from subjects.numbering import next_number, year_prefix
from subjects.reopening import reopen as reopen_dossier
from weegploeg.constants import DOSSIER_PREFIX, AssessmentStatus, CheckOutcome, Outcome
from weegploeg.models import (
    AdditionalInformation,
    AgendaItem,
    Analysis,
    Assessment,
    CaseTransfer,
    Check,
    Criterion,
    CriterionFinding,
    Decision,
    ExpertAdvice,
    FrameworkVersion,
    Meeting,
    Signal,
)
from weegploeg.permissions import is_keeper, may_record_in, sync_assessment_permissions
from weegploeg.transitions import ASSESSMENT, transition

FILE_LABEL = "weegploeg"


def _require_open(assessment: Assessment) -> None:
    if assessment.is_decided:
        raise ValidationError(
            _("This assessment has been decided: reopen it first to change it (W3).")
        )


def _require_keeper(user: User, region: Veiligheidshuis) -> None:
    """The uitvoerder of the region, authorised to record in its weegploeg (P8)."""
    if not is_keeper(user, region):
        raise PermissionDenied


def possible_duplicates(region: Veiligheidshuis, **identity):
    """Assessments in the region that are probably about the same person (BSN, or name and
    date of birth): the intake warns instead of making a duplicate."""
    return matching.find_matches(
        Assessment.objects.filter(veiligheidshuis=region),
        **{key: identity.get(key, "") for key in ("given_names", "prefix", "surname", "bsn")},
        date_of_birth=identity["date_of_birth"],
    )


def may_enter_signal_for(user: User, party: Party, region: Veiligheidshuis) -> bool:
    """W1: a member of a kernpartij for their own party, or the uitvoerder on behalf of one;
    never a casuspartij or an external partner. Either authorised to record in the region's
    weegploeg (P8)."""
    if not may_act(user) or party.role != PartyRole.KERNPARTIJ:
        return False
    if not party.veiligheidshuizen.filter(pk=region.pk).exists():
        return False
    membership = membership_of(user)
    if membership.party == party:
        return may_record_in(user, region)
    return is_keeper(user, region)


@changes_dossier("return.assessment")
def enter_signal(
    *,
    by: User,
    brought_by: Party,
    region: Veiligheidshuis,
    behaviour: str,
    observed_on: date,
    reporter_name: str,
    reporter_contact: str,
    person: dict | None = None,
    assessment: Assessment | None = None,
) -> Signal:
    """A signal enters the file (W1, CTER 7.1, 8.2a-c): into the given assessment of the same
    person, or into a new one with the person's NAW."""
    if not may_enter_signal_for(by, brought_by, region):
        raise PermissionDenied
    if assessment is None:
        if not person:
            raise ValidationError(_("Give the subject's name, address and date of birth."))
        assessment = Assessment(
            number=next_number(year_prefix(DOSSIER_PREFIX), Assessment),
            veiligheidshuis=region,
            last_processed_at=timezone.now(),
            **{key: person.get(key, "") for key in PERSON_FIELDS},
        )
        assessment.full_clean()
        assessment.save()
    elif assessment.veiligheidshuis_id != region.pk:
        raise ValidationError(_("This assessment belongs to another Veiligheidshuis."))
    else:
        _require_open(assessment)
    signal = Signal(
        assessment=assessment,
        behaviour=behaviour,
        observed_on=observed_on,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        brought_by=brought_by,
        entered_by=by,
    )
    signal.full_clean()
    signal.save()
    sync_assessment_permissions(assessment)
    return signal


def may_publish_framework(user: User) -> bool:
    """W2: the referentiekader is configuration of the beheerder."""
    return has_function(user, Function.BEHEERDER)


@transaction.atomic
def publish_framework(*, by: User, criteria: list[dict], note: str = "") -> FrameworkVersion:
    """W2: a new version of the referentiekader, by the beheerder. Earlier versions stay as
    they were."""
    if not may_publish_framework(by):
        raise PermissionDenied
    if not criteria:
        raise ValidationError(_("A referentiekader has at least one criterion."))
    last = FrameworkVersion.objects.aggregate(Max("number"))["number__max"] or 0
    version = FrameworkVersion.objects.create(
        number=last + 1, note=note, created_by=by, published_at=timezone.now()
    )
    for order, criterion in enumerate(criteria):
        Criterion.objects.create(version=version, order=order, **criterion)
    return version


def current_framework() -> FrameworkVersion:
    version = FrameworkVersion.objects.filter(published_at__isnull=False).first()
    if version is None:
        raise ValidationError(_("No referentiekader has been published yet."))
    return version


@changes_dossier("assessment")
def record_analysis(
    assessment: Assessment, *, by: User, findings: dict[int, tuple[str, str]], summary: str = ""
) -> Analysis:
    """W2: the analysis against the current referentiekader, a finding and an explanation for
    every criterion. A later analysis keeps the version it used."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_open(assessment)
    framework = current_framework()
    criteria = {criterion.pk: criterion for criterion in framework.criteria.all()}
    if set(findings) != set(criteria):
        raise ValidationError(_("Give a finding and an explanation for every criterion."))
    analysis = Analysis(assessment=assessment, framework=framework, summary=summary, recorded_by=by)
    analysis.full_clean()
    analysis.save()
    for criterion_id, (finding, explanation) in findings.items():
        row = CriterionFinding(
            analysis=analysis,
            criterion=criteria[criterion_id],
            finding=finding,
            explanation=explanation,
        )
        row.full_clean()
        row.save()
    return analysis


@changes_dossier("assessment")
def add_information(
    assessment: Assessment, *, by: User, party: Party, gathered_on: date, content: str
) -> AdditionalInformation:
    _require_keeper(by, assessment.veiligheidshuis)
    _require_open(assessment)
    information = AdditionalInformation(
        assessment=assessment, party=party, gathered_on=gathered_on, content=content, recorded_by=by
    )
    information.full_clean()
    information.save()
    return information


@changes_dossier("assessment")
def record_expert_advice(
    assessment: Assessment,
    *,
    by: User,
    adviser: str,
    asked_on: date,
    question: str,
    advice: str = "",
) -> ExpertAdvice:
    """CTER 7.5: advice asked of the NCTV or another expert."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_open(assessment)
    advice_row = ExpertAdvice(
        assessment=assessment, adviser=adviser, asked_on=asked_on, question=question, advice=advice
    )
    advice_row.full_clean()
    advice_row.save()
    return advice_row


@changes_dossier("assessment")
def decide(
    assessment: Assessment,
    *,
    by: User,
    outcome: str,
    reasons: str,
    decided_on: date,
    advice_to_driehoek: str = "",
    advised_parties=(),
) -> Decision:
    """W3: one of the two outcomes of CTER 7.4, with reasons. For "agenderen" the advice to the
    driehoek and the casuspartijen and external partners who should take part (7.3). The outcome
    starts the duty to inform for each kernpartij that brought a signal (I1, CTER 11.1-2)."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_open(assessment)
    if not assessment.analyses.exists():
        raise ValidationError(_("Record the analysis before deciding."))
    advised = list(advised_parties)
    if outcome == Outcome.AGENDEREN:
        if not advice_to_driehoek.strip():
            raise ValidationError({"advice_to_driehoek": _("Give the advice to the driehoek.")})
        if any(party.role == PartyRole.KERNPARTIJ for party in advised):
            raise ValidationError(
                {"advised_parties": _("Choose casuspartijen and external partners only.")}
            )
    elif advised or advice_to_driehoek.strip():
        raise ValidationError(_("Without agendering there is no advice to the driehoek."))
    decision = Decision(
        assessment=assessment,
        outcome=outcome,
        reasons=reasons,
        advice_to_driehoek=advice_to_driehoek,
        decided_on=decided_on,
        decided_by=by,
    )
    decision.full_clean()
    decision.save()
    decision.advised_parties.set(advised)
    transition(assessment, AssessmentStatus.DECIDED, by=by)
    for party_id in set(assessment.signals.values_list("brought_by", flat=True)):
        start_duty_to_inform(
            file_label=FILE_LABEL,
            dossier_key=assessment.number,
            responsible_party=Party.objects.get(pk=party_id),
            started_on=decided_on,
        )
    return decision


@changes_dossier("assessment")
def reopen(assessment: Assessment, *, by: User, reason: str) -> Assessment:
    """A decided assessment changes only after a recorded reopening (W3), on its latest
    decision."""
    _require_keeper(by, assessment.veiligheidshuis)
    return reopen_dossier(
        assessment,
        workflow=ASSESSMENT,
        to=AssessmentStatus.OPEN,
        record=assessment.decisions.first,
        by=by,
        reason=reason,
    )


def is_to_be_agendered(assessment: Assessment) -> bool:
    """W6: decided, and the decision (the latest) is "agenderen". Reads prefetched decisions."""
    decision = next(iter(assessment.decisions.all()), None)
    return assessment.is_decided and decision is not None and decision.outcome == Outcome.AGENDEREN


@changes_dossier("assessment")
def agendeer(
    assessment: Assessment,
    *,
    by: User,
    casusoverleg,
    signal_ids,
    finding_ids,
    identity_method: str,
    identity_note: str = "",
):
    """W6, C12, CTER 8.5: put a decided "agenderen" assessment on the agenda of a casusoverleg of
    the same Veiligheidshuis. The uitvoerder chooses the signals (at least one) and the findings
    of the analysis that go along; they go as copies into a new case, with the subject's NAW and
    how the identity was established. The case's participants start as the parties the weegploeg
    advised plus the kernpartijen that brought the chosen signals.

    A party that cannot take part yet (an external partner without a recorded confidentiality
    declaration, P6, or a party outside the casusoverleg) is left out, not refused: the keeper adds
    it once it can. The parties left out are recorded in the transfer and returned on the case as
    `parties_left_out`. Returns the new Case."""
    from cases import services as cases_services

    _require_keeper(by, assessment.veiligheidshuis)
    if not is_to_be_agendered(assessment):
        raise ValidationError(_('Only an assessment decided as "agenderen" is put on the agenda.'))
    decision = assessment.decisions.first()
    if casusoverleg.veiligheidshuis_id != assessment.veiligheidshuis_id:
        raise ValidationError(
            {"casusoverleg": _("Choose a casusoverleg of the same Veiligheidshuis.")}
        )
    if assessment.case_transfers.filter(
        casusoverleg_name=casusoverleg.name, transferred_at__gte=decision.decided_at
    ).exists():
        raise ValidationError(_("This decision has been put on this agenda already."))
    signal_ids, finding_ids = set(signal_ids), set(finding_ids)
    if not signal_ids:
        raise ValidationError({"signal_ids": _("Choose at least one signal.")})
    signals = list(
        assessment.signals.filter(pk__in=signal_ids).select_related("brought_by").order_by("pk")
    )
    findings = list(
        CriterionFinding.objects.filter(analysis__assessment=assessment, pk__in=finding_ids)
        .select_related("criterion", "analysis__framework")
        .order_by("analysis__pk", "criterion__order", "pk")
    )
    if len(signals) != len(signal_ids) or len(findings) != len(finding_ids):
        raise ValidationError(_("Choose signals and findings of this assessment only."))

    advised = list(decision.advised_parties.order_by("name"))
    wanted = list(advised)
    for signal in signals:
        if signal.brought_by not in wanted:
            wanted.append(signal.brought_by)
    participants = [
        party
        for party in wanted
        if cases_services.participation_refusal(casusoverleg, party) is None
    ]
    left_out = [party for party in wanted if party not in participants]

    what = [{"kind": "personal_details"}]
    what += [
        {
            "kind": "signal",
            "source_id": signal.pk,
            "observed_on": signal.observed_on.isoformat(),
            "brought_by": signal.brought_by.name,
        }
        for signal in signals
    ]
    what += [
        {
            "kind": "finding",
            "source_id": finding.pk,
            "framework_version": finding.analysis.framework.number,
            "criterion": finding.criterion.code,
        }
        for finding in findings
    ]
    case = cases_services.open_case(
        casusoverleg=casusoverleg,
        person=person_copy(assessment),
        identity_method=identity_method,
        identity_note=identity_note,
        by=by,
        participants=participants,
        advised=[party for party in advised if party in participants],
        signals=[signal_copy(signal) for signal in signals],
        findings=[
            {
                "framework_version": finding.analysis.framework.number,
                "criterion": f"{finding.criterion.code} {finding.criterion.title}"[:250],
                "finding": str(finding.get_finding_display()),
                "explanation": finding.explanation,
            }
            for finding in findings
        ],
        source_file=FILE_LABEL,
        source_key=assessment.number,
        what=what,
    )
    CaseTransfer.objects.create(
        assessment=assessment,
        casusoverleg_name=casusoverleg.name,
        case_number=case.number,
        what={
            "signals": [signal.pk for signal in signals],
            "findings": [finding.pk for finding in findings],
            "parties_left_out": [party.pk for party in left_out],
        },
        transferred_by=by,
    )
    case.parties_left_out = left_out
    return case


def check_queue(region: Veiligheidshuis, *, days: int | None = None):
    """W5: the assessments of the region due for their periodic check (`CHECK_DAYS`)."""
    return due_for_check(Assessment.objects.filter(veiligheidshuis=region), days=days)


@changes_dossier("assessment")
def record_check(assessment: Assessment, *, by: User, outcome: str, correction: str = "") -> Check:
    """W5, CTER 8.3: the uitvoerder's periodic check, correct or corrected (what, by whom)."""
    _require_keeper(by, assessment.veiligheidshuis)
    if outcome == CheckOutcome.CORRECTED and not correction.strip():
        raise ValidationError({"correction": _("Say what was corrected.")})
    check = Check(assessment=assessment, outcome=outcome, correction=correction, checked_by=by)
    check.full_clean()
    check.save()
    mark_checked(assessment, check)
    return check


@changes_dossier("assessments")
def hold_meeting(
    *, by: User, region: Veiligheidshuis, held_on: date, present, assessments
) -> Meeting:
    """W7: a weegploeg session with the kernpartijen present and the assessments discussed."""
    _require_keeper(by, region)
    present = list(present)
    if any(party.role != PartyRole.KERNPARTIJ for party in present):
        raise ValidationError({"present": _("Only kernpartijen take part in the weegploeg.")})
    meeting = Meeting.objects.create(veiligheidshuis=region, held_on=held_on)
    meeting.present.set(present)
    for assessment in assessments:
        if assessment.veiligheidshuis_id != region.pk:
            raise ValidationError(_("An assessment of another Veiligheidshuis."))
        AgendaItem.objects.create(meeting=meeting, assessment=assessment)
    return meeting


@changes_dossier("item.assessment")
def record_discussion(
    item: AgendaItem, *, by: User, discussion: str, expected_version: int | None = None
) -> AgendaItem:
    """W7: what was discussed of one assessment; refused when someone else recorded a discussion
    of the meeting after `expected_version` of the meeting was read (S1)."""
    _require_keeper(by, item.meeting.veiligheidshuis)
    bump_version(item.meeting, expected_version)
    item.discussion = discussion
    item.decision = item.assessment.decisions.first()
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def archive(assessment: Assessment, *, by: User | None) -> Assessment:
    """B3: to the non-active archive. The weegploeg file is open to kernpartijen only anyway;
    archiving is not a processing of the data, so the last-processing date stays."""
    if assessment.archived_at is None:
        assessment.archived_at = timezone.now()
        assessment.save(update_fields=["archived_at"])
    return assessment


@transaction.atomic
def reactivate(assessment: Assessment, *, by: User | None) -> Assessment:
    """B5, CTER 13.3: archived data made available to the weegploeg again on the controller's
    instruction; the change (and who made it) is in the audit trail."""
    if assessment.archived_at is not None:
        assessment.archived_at = None
        assessment.save(update_fields=["archived_at"])
    return assessment


@transaction.atomic
def destroy(assessment: Assessment, *, by: User | None) -> None:
    """Destroy a dossier completely (B8): its rows, every audit entry of the dossier (found by
    its dossier columns, rows deleted earlier included) and the duty-to-inform records that name
    it, leaving one destruction record. Nothing of the person is logged while doing so."""
    from auditlog.context import disable_auditlog

    from config.audit import purge_dossier_trail
    from subjects.registry import DossierRef

    ref = DossierRef(FILE_LABEL, assessment.number)
    purge_dossier_trail(ref, root=assessment, by=by)
    forget_dossier(file_label=FILE_LABEL, dossier_key=assessment.number)
    with disable_auditlog():
        assessment.delete()


def resync_permissions(*, chunk_size: int = 500) -> int:
    """Re-derive every assessment's permissions from today's parties: a gemeente that joined,
    a party that left, a municipality code that changed (W4, P7). Idempotent."""
    done = 0
    numbers = list(Assessment.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(numbers), chunk_size):
        batch = Assessment.objects.filter(pk__in=numbers[start : start + chunk_size])
        for assessment in batch.select_related("veiligheidshuis"):
            with transaction.atomic():
                sync_assessment_permissions(assessment)
            done += 1
    return done
