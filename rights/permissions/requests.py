"""Who handles the requests of subjects (R1, U3; CTER 12.2, VH 18.1): the uitvoerder of a
Veiligheidshuis, and the officers the uitvoerder designates under its coordination. Every page,
API view and task asks here."""

from django.db.models import Exists, Q, QuerySet

from parties.constants import Function
from parties.models import Veiligheidshuis
from parties.permissions import (
    fact,
    has_function,
    has_party_regions,
    may_act,
    membership_of,
    party_regions,
    remembered,
)
from rights.models import RequestOfficer, SubjectRequest


def request_region_ids(user) -> frozenset[int]:
    """The pks of the Veiligheidshuizen whose requests `user` handles: of the user's party for
    the uitvoerder, and where the user is a designated officer; none for who may not act.
    Read once per request for the request's own user."""
    if not may_act(user):
        return frozenset()

    def compute():
        designated = RequestOfficer.objects.filter(user=user, ended_at__isnull=True)
        found = set(designated.values_list("veiligheidshuis", flat=True))
        if has_function(user, Function.UITVOERDER):
            found |= party_regions(user)
        return frozenset(found)

    return remembered(user, "request_regions", compute)


def request_regions(user) -> QuerySet:
    """The Veiligheidshuizen whose requests `user` handles (`request_region_ids`)."""
    return Veiligheidshuis.objects.filter(pk__in=sorted(request_region_ids(user)))


def may_handle_requests(user, veiligheidshuis: Veiligheidshuis | None = None) -> bool:
    if veiligheidshuis is not None:
        return veiligheidshuis.pk in request_region_ids(user)
    # Any Veiligheidshuis at all (the menu): asked of the rights read with the user.
    return may_act(user) and (
        (has_function(user, Function.UITVOERDER) and has_party_regions(user))
        or fact(user, DESIGNATED_OFFICER)
    )


DESIGNATED_OFFICER = "designated_officer"


def designated_officer(user_pk):
    """The fact `parties.rights` reads with the user: a designated officer now."""
    return Exists(RequestOfficer.objects.filter(user=user_pk, ended_at__isnull=True))


def handled_requests(user) -> QuerySet:
    """The requests `user` may see and handle."""
    return SubjectRequest.objects.filter(veiligheidshuis__in=request_regions(user))


def get_handled_request(user, number: str, *related: str) -> SubjectRequest | None:
    """The request with this number if `user` handles it; None (a 404) for anyone else. With
    `related`, the rows the page shows read along (select_related)."""
    requests = handled_requests(user).select_related("veiligheidshuis", *related)
    return requests.filter(number=number).first()


def designating_regions(user) -> QuerySet:
    """The Veiligheidshuizen where `user` designates officers: those it is the uitvoerder of
    (CTER 12.2); a designated officer does not designate others."""
    membership = membership_of(user)
    if not may_act(user) or membership is None or not has_function(user, Function.UITVOERDER):
        return Veiligheidshuis.objects.none()
    return Veiligheidshuis.objects.filter(pk__in=membership.party.veiligheidshuizen.values("pk"))


def may_designate_officers(user, veiligheidshuis: Veiligheidshuis | None = None) -> bool:
    regions = designating_regions(user)
    if veiligheidshuis is not None:
        regions = regions.filter(pk=veiligheidshuis.pk)
    return regions.exists()


def may_be_designated(user, veiligheidshuis: Veiligheidshuis) -> bool:
    """An officer acts for a party of the Veiligheidshuis and may act (not an external
    partner without a declaration, not a departed member)."""
    membership = membership_of(user)
    return (
        may_act(user)
        and membership is not None
        and membership.party.veiligheidshuizen.filter(pk=veiligheidshuis.pk).exists()
    )


def request_handlers(veiligheidshuis: Veiligheidshuis) -> list:
    """Everyone who handles the requests of `veiligheidshuis` now: whom a reminder goes to."""
    from parties.models import User

    candidates = User.objects.filter(is_active=True).filter(
        Q(
            membership__party__veiligheidshuizen=veiligheidshuis,
            membership__functions__function=Function.UITVOERDER,
        )
        | Q(
            pk__in=RequestOfficer.objects.filter(
                veiligheidshuis=veiligheidshuis, ended_at__isnull=True
            ).values("user")
        )
    )
    return [user for user in candidates.distinct() if may_handle_requests(user, veiligheidshuis)]
