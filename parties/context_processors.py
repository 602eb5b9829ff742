from parties.constants import Function, PartyRole
from parties.permissions import access_refusal, membership_of


def acting_as(request):
    """The party and functions of the signed-in user, shown on every page (U2)."""
    user = getattr(request, "user", None)
    membership = membership_of(user)
    if membership is None or access_refusal(user) is not None:
        return {
            "acting_membership": None,
            "acting_functions": set(),
            "may_see_weegploeg": False,
            "may_see_cases": False,
            "is_external_partner": False,
        }
    functions = set(membership.function_codes())
    return {
        "acting_membership": membership,
        "acting_functions": functions,
        # The weegploeg file is for kernpartijen and uitvoerders only (W4).
        "may_see_weegploeg": membership.party.role == PartyRole.KERNPARTIJ
        or Function.UITVOERDER in functions,
        # Cases for the parties of a casusoverleg and the uitvoerders (C1); an external partner
        # sees only what was disclosed to it (C6).
        "may_see_cases": membership.party.role != PartyRole.EXTERN
        or Function.UITVOERDER in functions,
        "is_external_partner": membership.party.role == PartyRole.EXTERN,
    }
