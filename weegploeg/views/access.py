"""Who may use the pages of the weegploeg file."""

from django.http import Http404

from parties.constants import Function
from parties.permissions import has_function, may_act, membership_of
from weegploeg.permissions import may_use_file


def is_keeper(user) -> bool:
    return may_act(user) and has_function(user, Function.UITVOERDER)


def regions_of(user):
    return membership_of(user).party.veiligheidshuizen.order_by("name")


class WeegploegMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_use_file(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class KeeperMixin:
    """Pages of the uitvoerder about the whole file of their Veiligheidshuis."""

    def dispatch(self, request, *args, **kwargs):
        if not is_keeper(request.user):
            raise Http404
        self.regions = regions_of(request.user)
        return super().dispatch(request, *args, **kwargs)
