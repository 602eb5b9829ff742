"""W6: an assessment decided as "agenderen" goes to a casusoverleg."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parties.models import User
from subjects.copies import person_copy, signal_copy
from subjects.dossier import changes_dossier
from weegploeg import selectors
from weegploeg.constants import Outcome
from weegploeg.models import Assessment, CaseTransfer, CriterionFinding
from weegploeg.services._common import FILE_LABEL, _require_keeper, _require_not_archived


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
    from cases import selectors as cases_selectors
    from cases import services as cases_services

    _require_keeper(by, assessment.veiligheidshuis)
    _require_not_archived(assessment)
    if not is_to_be_agendered(assessment):
        raise ValidationError(_('Only an assessment decided as "agenderen" is put on the agenda.'))
    decision = assessment.decisions.first()
    if casusoverleg.veiligheidshuis_id != assessment.veiligheidshuis_id:
        raise ValidationError(
            {"casusoverleg": _("Choose a casusoverleg of the same Veiligheidshuis.")}
        )
    # U3: the casusoverleggen the form offers are the only ones accepted.
    if not selectors.fitting_casusoverleggen(assessment).filter(pk=casusoverleg.pk).exists():
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
        if cases_selectors.participation_refusal(casusoverleg, party) is None
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
