"""W2, W5: analysing an assessment, gathering information and the periodic check."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parties.models import Party, User, Veiligheidshuis
from subjects.checking import due_for_check, mark_checked
from subjects.dossier import changes_dossier
from weegploeg.constants import CheckOutcome
from weegploeg.models import (
    AdditionalInformation,
    Analysis,
    Assessment,
    Check,
    CriterionFinding,
    ExpertAdvice,
)
from weegploeg.services._common import _require_keeper, _require_not_archived, _require_open
from weegploeg.services.framework import current_framework


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


def check_queue(region, *, days: int | None = None, among=None):
    """W5: the assessments of the region (a Veiligheidshuis, or the ids of several) due for
    their periodic check (`CHECK_DAYS`), of `among` (a queryset; default: all). Not the archived
    ones: `record_check` refuses them (B3), as the ICO file's queue holds active cases only. One
    filter on the assessments themselves, not one query per region joined again (issue 13)."""
    regions = [region] if isinstance(region, Veiligheidshuis) else list(region)
    assessments = Assessment.objects.all() if among is None else among
    return due_for_check(
        assessments.filter(veiligheidshuis__in=regions, archived_at__isnull=True), days=days
    )


@changes_dossier("assessment")
def record_check(assessment: Assessment, *, by: User, outcome: str, correction: str = "") -> Check:
    """W5, CTER 8.3: the uitvoerder's periodic check, correct or corrected (what, by whom)."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_not_archived(assessment)
    if outcome == CheckOutcome.CORRECTED and not correction.strip():
        raise ValidationError({"correction": _("Say what was corrected.")})
    check = Check(assessment=assessment, outcome=outcome, correction=correction, checked_by=by)
    check.full_clean()
    check.save()
    mark_checked(assessment, check)
    return check
