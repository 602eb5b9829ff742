"""Who may use the pages of the weegploeg file: the rules are in `weegploeg.selectors`."""

from django.http import Http404

from weegploeg.selectors import is_keeper, kept_regions, may_use_file, regions_of

__all__ = ["KeeperMixin", "WeegploegMixin", "is_keeper", "regions_of"]


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
        self.regions = kept_regions(request.user)
        return super().dispatch(request, *args, **kwargs)
