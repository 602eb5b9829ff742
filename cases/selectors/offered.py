"""Which of the keeper's actions on an active case can succeed now (U1): the case page offers
exactly these, and each action page refuses the others with the same words. The services check
their own rules as well."""

from django.utils.translation import gettext as _

from cases.selectors.cases import addable_parties, case_parties, closing_advised
from cases.selectors.copies import copy_destinations
from parties.constants import PartyRole

PARTICIPANT, DISCLOSE, COPY, ADVISE, CLOSE = "participant", "disclose", "copy", "advise", "close"


def _can(case) -> dict[str, bool]:
    """Whether a party can be added, an external partner takes part, a copy has somewhere to
    go: one query for the three."""
    from django.db.models import Exists

    from cases.models import Case

    row = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            addable=Exists(addable_parties(case)),
            partner=Exists(case_parties(case).filter(role=PartyRole.EXTERN)),
            copyable=Exists(copy_destinations(case)),
        )
        .values("addable", "partner", "copyable")
        .first()
    )
    return row or {"addable": False, "partner": False, "copyable": False}


def action_refusals(case) -> dict[str, str | None]:
    """Why each of the keeper's actions cannot succeed on the (active) case now, None for those
    that can (two queries at most for all five)."""
    can = _can(case)
    advised = closing_advised(case)
    return {
        PARTICIPANT: None
        if can["addable"]
        else _("Every party that may take part in this case takes part already."),
        DISCLOSE: None
        if can["partner"]
        else _(
            "No external partner takes part in this case: add the partner as a participant first."
        ),
        COPY: None
        if can["copyable"]
        else _("There is no casusoverleg of another Veiligheidshuis this case can be copied to."),
        ADVISE: _("The advice to close is recorded already: the case can now be closed.")
        if advised
        else None,
        CLOSE: None
        if advised
        else _(
            "The case cannot be closed yet: record the advice to the driehoek to close it first."
        ),
    }


def action_refusal(case, action: str) -> str | None:
    """Why `action` cannot succeed on the (active) case now, or None when it can."""
    return action_refusals(case).get(action)
