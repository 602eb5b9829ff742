"""What every retention page shares: who reaches them (the keepers, 403 for anyone else), a
dossier by its file label and number (404 for one the user does not keep), and a list cut into
pages of its own (the overview holds several)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404

from retention.permissions import may_keep_dossier, may_see_retention
from subjects.registry import DossierRef

SECTION_SIZE = 10


class KeeperMixin:
    """403 for who keeps no file (another function, a beheerder, a partner)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_retention(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DossierMixin(KeeperMixin):
    """A page about one dossier, named in the URL by its file and number only."""

    def dispatch(self, request, *args, **kwargs):
        self.ref = DossierRef(kwargs["file_label"], kwargs["key"])
        if (
            request.user.is_authenticated
            and may_see_retention(request.user)
            and not may_keep_dossier(request.user, self.ref)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(ref=self.ref, **kwargs)


def section(request, items, param: str, size: int = SECTION_SIZE):
    """One page of `items`, its number read from the query parameter `param`."""
    return Paginator(items, size).get_page(request.GET.get(param))
