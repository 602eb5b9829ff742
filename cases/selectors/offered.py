"""Which of the keeper's actions on an active case can succeed now (U1): the case page offers
exactly these, and each action page refuses the others with the same words. The services check
their own rules as well."""

from django.utils.translation import gettext as _

from cases.selectors.cases import addable_parties, case_parties, closing_advised
from cases.selectors.copies import copy_destinations
from parties.constants import PartyRole

PARTICIPANT, DISCLOSE, COPY, ADVISE, CLOSE = "participant", "disclose", "copy", "advise", "close"


def action_refusal(case, action: str) -> str | None:
    """Why `action` cannot succeed on the (active) case now, or None when it can."""
    if action == PARTICIPANT and not addable_parties(case).exists():
        return _("Every party that may take part in this case takes part already.")
    if action == DISCLOSE and not case_parties(case).filter(role=PartyRole.EXTERN).exists():
        return _(
            "No external partner takes part in this case: add the partner as a participant first."
        )
    if action == COPY and not copy_destinations(case).exists():
        return _("There is no casusoverleg of another Veiligheidshuis this case can be copied to.")
    if action == ADVISE and closing_advised(case):
        return _("The advice to close is recorded already: the case can now be closed.")
    if action == CLOSE and not closing_advised(case):
        return _(
            "The case cannot be closed yet: record the advice to the driehoek to close it first."
        )
    return None
