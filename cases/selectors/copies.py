"""Copies for a subject who moved (C10, VH 19, 20.2b): who asks, who checks, where to."""

from django.db.models import Q
from django.utils.translation import gettext as _

from cases import permissions
from cases.models import Case, CasusOverleg
from cases.selectors.keeping import is_keeper
from parties.constants import Function
from parties.models import User
from parties.permissions import may_act, membership_of


def may_request_copy(user: User, casusoverleg: CasusOverleg) -> bool:
    """C10, VH 20.2b: a copy is requested from the receiving side: its keeper, or a member of
    one of its parties authorised to record in its file (P8)."""
    if is_keeper(user, casusoverleg):
        return True
    membership = membership_of(user)
    return (
        may_act(user)
        and membership is not None
        and casusoverleg.participants.filter(pk=membership.party_id).exists()
        and permissions.may_record_in(user, casusoverleg)
    )


def copy_request_errors(to: CasusOverleg, requested_by: User, checked_by: User) -> dict:
    """Field errors for a copy request (C10): the request from the receiving side, the check
    by the uitvoerder of the receiving controller."""
    errors = {}
    if not may_request_copy(requested_by, to):
        errors["requested_by"] = _(
            "The request comes from the keeper or a member of a party of the receiving "
            "casusoverleg."
        )
    if not is_keeper(checked_by, to):
        errors["checked_by"] = _(
            "The check is recorded by the uitvoerder of the receiving casusoverleg's "
            "Veiligheidshuis."
        )
    return errors


def copy_destinations(case: Case):
    """The casusoverleggen of other Veiligheidshuizen a copy of `case` may go to (VH 19)."""
    return (
        CasusOverleg.objects.exclude(veiligheidshuis=case.casusoverleg.veiligheidshuis_id)
        .select_related("veiligheidshuis")
        .order_by("veiligheidshuis__name", "name")
    )


def _people(users):
    return users.filter(is_active=True).distinct().order_by("last_name", "first_name", "pk")


def copy_checkers(case: Case):
    """The uitvoerders of the other Veiligheidshuizen: the receiving controller's check."""
    return _people(
        User.objects.filter(
            membership__functions__function=Function.UITVOERDER,
            membership__party__veiligheidshuizen__casusoverleggen__in=copy_destinations(case),
        )
    )


def copy_requesters(case: Case):
    """Who may ask for a copy on behalf of a destination: the members of its parties and its
    keepers (the service checks the chosen casusoverleg)."""
    members = Q(membership__party__casusoverleggen__in=copy_destinations(case))
    return _people(User.objects.filter(members | Q(pk__in=copy_checkers(case).values("pk"))))
