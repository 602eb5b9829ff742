"""W3: deciding an assessment and reopening it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parties.constants import PartyRole
from parties.models import User
from parties.services.files import weegploeg_file
from rights.constants import DutyOccasion
from rights.services import start_duty_to_inform
from subjects.dossier import changes_dossier
from subjects.registry import DossierRef
from subjects.reopening import reopen as reopen_dossier
from weegploeg.constants import AssessmentStatus, Outcome
from weegploeg.models import Assessment, Decision
from weegploeg.services._common import FILE_LABEL, _require_keeper, _require_open
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
    return reopen_dossier(
        assessment,
        workflow=ASSESSMENT,
        to=AssessmentStatus.OPEN,
        record=assessment.decisions.first,
        by=by,
        reason=reason,
    )
