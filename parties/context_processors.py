from parties.constants import FileKind, PartyRole
from parties.navigation import links_for
from parties.permissions import access_refusal, may_reach, membership_of


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
            "menu_links": [],
        }
    functions = set(membership.function_codes())
    return {
        "acting_membership": membership,
        "acting_functions": functions,
        # The files the user is authorised for (P8); the weegploeg for kernpartijen and
        # uitvoerders only (W4), cases not for external partners (C6): `may_reach`.
        "may_see_weegploeg": may_reach(user, FileKind.WEEGPLOEG),
        "may_see_cases": may_reach(user, FileKind.ICO),
        "is_external_partner": membership.party.role == PartyRole.EXTERN,
        "menu_links": links_for(user),
    }
