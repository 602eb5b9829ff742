"""W3: deciding an assessment and reopening it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import PartyRole
from parties.models import User
from parties.services.files import weegploeg_file
from rights.constants import DutyOccasion
from rights.services import start_duty_to_inform
from subjects.dossier import changes_dossier
from subjects.registry import DossierRef
from subjects.reopening import reopen as reopen_dossier
from weegploeg import selectors
from weegploeg.constants import WEIGHED_OUTCOMES, AssessmentStatus, Outcome
from weegploeg.models import Assessment, Decision
from weegploeg.services._common import (
    FILE_LABEL,
    _require_keeper,
    _require_not_archived,
    _require_open,
)
from weegploeg.transitions import ASSESSMENT, transition


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
    if outcome not in WEIGHED_OUTCOMES:
        raise ValidationError({"outcome": _("Choose one of the two outcomes.")})
    if outcome == Outcome.AGENDEREN:
        if not advice_to_driehoek.strip():
            raise ValidationError({"advice_to_driehoek": _("Give the advice to the driehoek.")})
        if any(party.role == PartyRole.KERNPARTIJ for party in advised):
            raise ValidationError(
                {"advised_parties": _("Choose casuspartijen and external partners only.")}
            )
        # U3: only the parties the form offers (active in the region now) can be advised.
        offered = set(
            selectors.advisable_parties(assessment.veiligheidshuis).values_list("pk", flat=True)
        )
        if any(party.pk not in offered for party in advised):
            raise ValidationError(
                {"advised_parties": _("Choose parties that take part in this Veiligheidshuis now.")}
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
    # CTER 11.2: the kernpartij that brought the signal informs; with several, the first.
    first_signal = assessment.signals.select_related("brought_by").order_by("pk").first()
    start_duty_to_inform(
        ref=DossierRef(FILE_LABEL, assessment.number),
        data_file=weegploeg_file(assessment.veiligheidshuis),
        occasion=DutyOccasion.OUTCOME,
        started_on=decided_on,
        responsible_party=first_signal.brought_by if first_signal else None,
    )
    return decision


@changes_dossier("assessment")
def reopen(assessment: Assessment, *, by: User, reason: str) -> Assessment:
    """A decided assessment changes only after a recorded reopening (W3), on its latest
    decision."""
    _require_keeper(by, assessment.veiligheidshuis)
    _require_not_archived(assessment)
    return reopen_dossier(
        assessment,
        workflow=ASSESSMENT,
        to=AssessmentStatus.OPEN,
        record=assessment.decisions.first,
        by=by,
        reason=reason,
    )


def objection_upheld(assessment: Assessment) -> bool:
    """R7: the standing decision is the end of the processing after an upheld objection."""
    decision = assessment.decisions.first()
    return (
        assessment.is_decided
        and decision is not None
        and decision.outcome == Outcome.OBJECTION
        and decision.reopened_at is None
    )


@changes_dossier("assessment")
def end_processing(
    assessment: Assessment, *, by: User, reason: str, ended_on: date | None = None
) -> Decision:
    """R7, VH 18.4: an upheld objection ends the processing. The weegploeg stops weighing: a
    decided assessment is first reopened with the objection as its reason (the earlier decision
    stays, with its reopening), then a decision "processing ended: objection upheld" is recorded
    and the assessment is decided through its transition table. The subject is then not (or no
    longer) to be put on an agenda, so B2's term (six months after the decision) applies
    (docs/adr/0013). Who may is the rule of the request's handler (`rights.permissions`): the
    registry is reached only through the rights services. A second call changes nothing."""
    if objection_upheld(assessment):
        return assessment.decisions.first()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons of the decision on the objection.")})
    if assessment.is_decided:
        reopen_dossier(
            assessment,
            workflow=ASSESSMENT,
            to=AssessmentStatus.OPEN,
            record=assessment.decisions.first,
            by=by,
            reason=reason,
        )
    decision = Decision(
        assessment=assessment,
        outcome=Outcome.OBJECTION,
        reasons=reason,
        decided_on=ended_on or timezone.localdate(),
        decided_by=by,
    )
    decision.full_clean()
    decision.save()
    transition(assessment, AssessmentStatus.DECIDED, by=by)
    return decision
