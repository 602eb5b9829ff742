"""Who may use the pages of the ICO files."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from cases.constants import OPEN_MEASURE_STATUSES
from cases.models import CasusOverleg
from cases.permissions import may_see_cases
from parties.constants import Function
from parties.permissions import functions_of, may_act, membership_of


def kept_overleggen(user):
    """The casusoverleggen whose file `user` keeps as uitvoerder."""
    if not (may_act(user) and Function.UITVOERDER in functions_of(user)):
        return CasusOverleg.objects.none()
    regions = membership_of(user).party.veiligheidshuizen.values("pk")
    return CasusOverleg.objects.filter(veiligheidshuis__in=regions)


def meeting_overleggen(user):
    """The casusoverleggen whose meetings `user` sees: those they chair or keep."""
    if not may_act(user):
        return CasusOverleg.objects.none()
    return CasusOverleg.objects.filter(
        Q(chairs=user) | Q(pk__in=kept_overleggen(user).values("pk"))
    ).distinct()


class CasesMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_cases(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def overdue_filter(prefix: str = "measures__"):
    return Q(
        **{
            f"{prefix}status__in": OPEN_MEASURE_STATUSES,
            f"{prefix}deadline__lt": timezone.localdate(),
        }
    )
