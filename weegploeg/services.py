"""Every business action on the weegploeg file (W1-W7, I1, B1). Each checks its rule, writes in
one transaction, touches the dossier's last-processing date and leaves the permissions right."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import PartyRole
from parties.models import Party, User, Veiligheidshuis
from parties.permissions import may_act, membership_of
from rights.services import forget_dossier, start_duty_to_inform
from subjects import matching
from subjects.models import PERSON_FIELDS
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

FILE_LABEL = "weegploeg"


def touch(assessment: Assessment) -> None:
    """B1: every change to an assessment or what it holds goes through here."""
    assessment.last_processed_at = timezone.now()
    assessment.save(update_fields=["last_processed_at"])


def _require_open(assessment: Assessment) -> None:
    if assessment.is_decided:
        raise ValidationError(
            _("This assessment has been decided: reopen it first to change it (W3).")
        )


def _require_keeper(user: User, region: Veiligheidshuis) -> None:
    """The uitvoerder of the region, authorised to record in its weegploeg (P8)."""
    if not is_keeper(user, region):
        raise PermissionDenied


def _next_number() -> str:
    year = timezone.localdate().year
    prefix = f"{DOSSIER_PREFIX}-{year}-"
    last = Assessment.objects.filter(number__startswith=prefix).aggregate(Max("number"))
    sequence = int(last["number__max"].rsplit("-", 1)[1]) + 1 if last["number__max"] else 1
    return f"{prefix}{sequence:05d}"


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


@transaction.atomic
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
            number=_next_number(),
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
    touch(assessment)
    return signal


@transaction.atomic
def publish_framework(*, by: User, criteria: list[dict], note: str = "") -> FrameworkVersion:
    """W2: a new version of the referentiekader. Earlier versions stay as they were."""
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


@transaction.atomic
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
    touch(assessment)
    return analysis


@transaction.atomic
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
    touch(assessment)
    return information


@transaction.atomic
def record_expert_advice(
    assessment: Assessment, *, by: User, adviser: str, asked_on: date, question: str, advice: str
) -> ExpertAdvice:
    """CTER 7.5: advice asked of the NCTV or another expert."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_open(assessment)
    advice_row = ExpertAdvice(
        assessment=assessment, adviser=adviser, asked_on=asked_on, question=question, advice=advice
    )
    advice_row.full_clean()
    advice_row.save()
    touch(assessment)
    return advice_row


@transaction.atomic
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
    assessment.status = AssessmentStatus.DECIDED
    assessment.save(update_fields=["status"])
    for party_id in set(assessment.signals.values_list("brought_by", flat=True)):
        start_duty_to_inform(
            file_label=FILE_LABEL,
            dossier_key=assessment.number,
            responsible_party=Party.objects.get(pk=party_id),
            started_on=decided_on,
        )
    touch(assessment)
    return decision


@transaction.atomic
def reopen(assessment: Assessment, *, by: User, reason: str) -> Assessment:
    """A decided assessment changes only after a recorded reopening (W3)."""
    _require_keeper(by, assessment.veiligheidshuis)
    if not assessment.is_decided:
        raise ValidationError(_("This assessment is not decided."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    decision = assessment.decisions.first()
    decision.reopened_at = timezone.now()
    decision.reopened_by = by
    decision.reopening_reason = reason
    decision.save(update_fields=["reopened_at", "reopened_by", "reopening_reason"])
    assessment.status = AssessmentStatus.OPEN
    assessment.save(update_fields=["status"])
    touch(assessment)
    return assessment


def is_to_be_agendered(assessment: Assessment) -> bool:
    """W6: decided, and the decision (the latest) is "agenderen". Reads prefetched decisions."""
    decision = next(iter(assessment.decisions.all()), None)
    return assessment.is_decided and decision is not None and decision.outcome == Outcome.AGENDEREN


@transaction.atomic
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
        person={key: getattr(assessment, key) for key in PERSON_FIELDS},
        identity_method=identity_method,
        identity_note=identity_note,
        by=by,
        participants=participants,
        advised=[party for party in advised if party in participants],
        signals=[
            {
                "behaviour": signal.behaviour,
                "observed_on": signal.observed_on,
                "brought_by": signal.brought_by,
                "reporter_name": signal.reporter_name,
                "reporter_contact": signal.reporter_contact,
            }
            for signal in signals
        ],
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
    touch(assessment)
    case.parties_left_out = left_out
    return case


def check_queue(region: Veiligheidshuis, *, days: int):
    """W5: the assessments of the region not checked for `days` days (never checked: counted
    from their creation)."""
    since = timezone.now() - timedelta(days=days)
    not_checked = Q(last_checked_at__isnull=True, created_at__lt=since) | Q(
        last_checked_at__lt=since
    )
    return (
        Assessment.objects.filter(veiligheidshuis=region)
        .filter(not_checked)
        .order_by("last_checked_at", "created_at")
    )


@transaction.atomic
def record_check(assessment: Assessment, *, by: User, outcome: str, correction: str = "") -> Check:
    """W5, CTER 8.3: the uitvoerder's periodic check, correct or corrected (what, by whom)."""
    _require_keeper(by, assessment.veiligheidshuis)
    if outcome == CheckOutcome.CORRECTED and not correction.strip():
        raise ValidationError({"correction": _("Say what was corrected.")})
    check = Check(assessment=assessment, outcome=outcome, correction=correction, checked_by=by)
    check.full_clean()
    check.save()
    assessment.last_checked_at = check.checked_at
    assessment.save(update_fields=["last_checked_at"])
    touch(assessment)
    return check


@transaction.atomic
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


@transaction.atomic
def record_discussion(item: AgendaItem, *, by: User, discussion: str) -> AgendaItem:
    _require_keeper(by, item.meeting.veiligheidshuis)
    item.discussion = discussion
    item.decision = item.assessment.decisions.first()
    item.full_clean()
    item.save()
    touch(item.assessment)
    return item


@transaction.atomic
def archive(assessment: Assessment, *, by: User | None) -> Assessment:
    """B3: to the non-active archive. The weegploeg file is open to kernpartijen only anyway;
    archiving is not a processing of the data, so the last-processing date stays."""
    if assessment.archived_at is None:
        assessment.archived_at = timezone.now()
        assessment.save(update_fields=["archived_at"])
    return assessment


def _dossier_objects(assessment: Assessment) -> list:
    """Every row of the file that belongs to this dossier, the dossier last."""
    analyses = list(assessment.analyses.all())
    rows: list = [*assessment.signals.all(), *analyses]
    rows += list(CriterionFinding.objects.filter(analysis__in=analyses))
    rows += [*assessment.additional_information.all(), *assessment.expert_advice.all()]
    rows += [*assessment.decisions.all(), *assessment.agenda_items.all(), *assessment.checks.all()]
    rows += list(assessment.case_transfers.all())
    return [*rows, assessment]


@transaction.atomic
def destroy(assessment: Assessment, *, by: User | None) -> None:
    """Destroy a dossier completely: its rows, the audit entries about them, and the duty-to-
    inform records that name it (B8). Nothing of the person is logged while doing so."""
    from auditlog.context import disable_auditlog

    from security.models import AuditEntry

    rows = _dossier_objects(assessment)
    for row in rows:
        AuditEntry.objects.get_for_object(row).delete()
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
