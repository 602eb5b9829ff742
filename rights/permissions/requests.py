"""Who handles the requests of subjects (R1, U3; CTER 12.2, VH 18.1): the uitvoerder of a
Veiligheidshuis, and the officers the uitvoerder designates under its coordination. Every page,
API view and task asks here."""

from django.db.models import Q, QuerySet

from parties.constants import Function
from parties.models import Veiligheidshuis
from parties.permissions import has_function, may_act, membership_of
from rights.models import RequestOfficer, SubjectRequest


def request_regions(user) -> QuerySet:
    """The Veiligheidshuizen whose requests `user` handles: none for who may not act."""
    if not may_act(user):
        return Veiligheidshuis.objects.none()
    designated = Q(
        pk__in=RequestOfficer.objects.filter(user=user, ended_at__isnull=True).values(
            "veiligheidshuis"
        )
    )
    membership = membership_of(user)
    if has_function(user, Function.UITVOERDER) and membership is not None:
        own = Q(pk__in=membership.party.veiligheidshuizen.values("pk"))
        return Veiligheidshuis.objects.filter(own | designated)
    return Veiligheidshuis.objects.filter(designated)


def may_handle_requests(user, veiligheidshuis: Veiligheidshuis | None = None) -> bool:
    regions = request_regions(user)
    if veiligheidshuis is not None:
        regions = regions.filter(pk=veiligheidshuis.pk)
    return regions.exists()


def handled_requests(user) -> QuerySet:
    """The requests `user` may see and handle."""
    return SubjectRequest.objects.filter(veiligheidshuis__in=request_regions(user))
