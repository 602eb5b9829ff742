"""What an external partner and the keeper see of disclosures (C6, P6)."""

from django.http import Http404

from cases.constants import CaseStatus
from cases.models import Disclosure
from cases.permissions import kept_casusoverleg_ids
from cases.selectors.cases import keepable_cases
from config.api_input import as_id
from parties.permissions import may_act, membership_of


def is_external_partner(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.party.is_external


def disclosures_for(user):
    """C6, P6: the disclosures a user of an external partner may see: those to its own party,
    while the party may act (declaration recorded, not left) and takes part in the case, and
    not once the case is archived (open to kernpartijen only)."""
    membership = membership_of(user)
    if membership is None or not may_act(user) or not membership.party.is_external:
        return Disclosure.objects.none()
    party = membership.party
    return Disclosure.objects.filter(
        partner=party,
        case__participants__party=party,
        case__participants__until__isnull=True,
    ).exclude(case__status=CaseStatus.ARCHIVED)


def visible_disclosures(user):
    """The disclosures `user` sees, page and API alike: an external partner those to its own
    party (C6); the keeper those of the cases it keeps (it made them)."""
    if is_external_partner(user):
        return disclosures_for(user)
    return Disclosure.objects.filter(case__in=keepable_cases(user))


def may_see_disclosures(user) -> bool:
    """The disclosure pages are there for an external partner that may act and for a keeper."""
    if is_external_partner(user):
        return may_act(user)
    return may_act(user) and bool(kept_casusoverleg_ids(user))


def get_visible_disclosure(user, pk) -> Disclosure:
    found = visible_disclosures(user).filter(pk=pk) if as_id(pk) is not None else None
    disclosure = found.first() if found is not None else None
    if disclosure is None:
        raise Http404
    return disclosure
