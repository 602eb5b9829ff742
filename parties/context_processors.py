from parties.navigation import menu_for
from parties.permissions import access_refusal, membership_of


def acting_as(request):
    """The party and functions of the signed-in user, shown on every page (U2), and the menu
    of what they may reach, the item of the page marked (U1)."""
    user = getattr(request, "user", None)
    membership = membership_of(user)
    if membership is None or access_refusal(user) is not None:
        return {"acting_membership": None, "acting_functions": set(), "menu": None}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return {
        "acting_membership": membership,
        "acting_functions": set(membership.function_codes()),
        # What the user may reach (P8): the weegploeg for kernpartijen and uitvoerders (W4),
        # the cases not for external partners (C6), and what the apps register.
        "menu": menu_for(user, view_name) if user.is_verified() else None,
    }
