from parties.permissions import access_refusal, membership_of


def acting_as(request):
    """The party and functions of the signed-in user, shown on every page (U2)."""
    user = getattr(request, "user", None)
    membership = membership_of(user)
    if membership is None or access_refusal(user) is not None:
        return {"acting_membership": None, "acting_functions": set()}
    return {
        "acting_membership": membership,
        "acting_functions": set(membership.function_codes()),
    }
