"""Who oversees a Veiligheidshuis (S2, S3, P4, S5): the functionaris gegevensbescherming (FG)
and the uitvoerder of a party of that Veiligheidshuis. Every page, API view, task and mail of
`security` asks here; nothing else decides who sees the register, the access log or the reviews.
"""

from django.db.models import QuerySet

from parties.constants import Function
from parties.models import User, Veiligheidshuis
from parties.permissions import functions_of, membership_of

OVERSIGHT_FUNCTIONS = frozenset({Function.FG, Function.UITVOERDER})


def overseen_regions(user) -> QuerySet:
    """The Veiligheidshuizen `user` oversees: those of the user's party, when the user holds
    the FG or uitvoerder function and may act today; none otherwise."""
    if not OVERSIGHT_FUNCTIONS & functions_of(user):
        return Veiligheidshuis.objects.none()
    membership = membership_of(user)
    return Veiligheidshuis.objects.filter(pk__in=membership.party.veiligheidshuizen.values("pk"))


def may_oversee(user, veiligheidshuis: Veiligheidshuis | None = None) -> bool:
    regions = overseen_regions(user)
    if veiligheidshuis is not None:
        regions = regions.filter(pk=veiligheidshuis.pk)
    return regions.exists()


def overseers_of(veiligheidshuis: Veiligheidshuis) -> list[User]:
    """Everyone who oversees `veiligheidshuis` now: whom a warning or alarm is sent to."""
    candidates = User.objects.filter(
        is_active=True,
        membership__party__veiligheidshuizen=veiligheidshuis,
        membership__functions__function__in=OVERSIGHT_FUNCTIONS,
    ).distinct()
    return [user for user in candidates if may_oversee(user, veiligheidshuis)]
