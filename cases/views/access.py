"""Who may use the pages of the ICO files: the rules are in `cases.selectors`."""

from django.http import Http404

from cases.selectors import may_see_cases


class CasesMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_cases(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
