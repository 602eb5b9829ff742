"""One hook for the read audit of pages and API alike (S2; issue 8, finding 6).

Every read of personal data writes an access entry naming the dossier root (the assessment or
the case) that the data belong to, whatever was shown of it: a signal, an analysis, a measure,
a meeting's agenda. A list writes the entries of all the dossiers on it in one insert, so that
its number of queries does not grow with its rows. Pages use `AccessLoggedPageMixin`, viewsets
`AccessLoggedViewSetMixin`; both end in `config.audit.log_reads`, which services and the file
registry's export call too.
"""

from rest_framework import status
from rest_framework.response import Response

from config.audit import ReadKind, log_access, log_reads


def _kind(request, *, many: bool) -> str:
    if not many:
        return ReadKind.DETAIL
    query = getattr(request, "query_params", None) or request.GET
    return ReadKind.SEARCH if query.get("search") or query.get("q") else ReadKind.LIST


class AccessLoggedPageMixin:
    """For pages that show personal data: each GET writes an access entry per dossier shown.
    `dossiers_read()` names what was shown, by default the page's object or the rows of a list
    page; `log_reads` finds their dossiers through the file registry (`dossier_paths`)."""

    def dossiers_read(self) -> list:
        if hasattr(self, "object"):
            rows = [self.object]
        else:
            page = getattr(self, "page_shown", None)
            rows = list(page.object_list) if page is not None else list(self.object_list)
        return rows

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        self.page_shown = page
        return paginator, page, rows, is_paginated

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        many = not hasattr(self, "object")
        log_reads(request, self.dossiers_read(), kind=_kind(request, many=many))
        return response


class AccessLoggedViewSetMixin:
    """For viewsets that return personal data: a retrieve writes an access entry for the
    object's dossier, a list one per dossier on the page, in one insert; `log_reads` finds the
    dossiers through the file registry. `dossiers_read(rows)` may name what was shown otherwise
    (a meeting: the items on its agenda)."""

    def dossiers_read(self, rows) -> list:
        return rows

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        log_reads(request, self.dossiers_read([instance]), kind=ReadKind.DETAIL)
        return Response(self.get_serializer(instance).data)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        log_reads(request, self.dossiers_read(rows), kind=_kind(request, many=True))
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


def action_response(request, shown, data, **kwargs) -> Response:
    """The answer of an API action (a create, a recorded step) that shows personal data: the
    dossiers of `shown` get an access entry of the kind "action" (S2), then the answer."""
    log_reads(request, shown, kind=ReadKind.ACTION)
    return Response(data, **kwargs)


def created(view, instance) -> Response:
    """201 with the new object (an action read, S2) and where it is found."""
    location = view.reverse_action("detail", kwargs={"pk": instance.pk})
    return action_response(
        view.request,
        [instance],
        view.get_serializer(instance).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": location},
    )


class AccessLoggedMixin:
    """For detail, download and export views of personal data: each GET writes an access
    entry for the object shown (S2)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access(self.object)
        return response


class AccessLoggedRetrieveMixin:
    """The API's counterpart for viewsets: every retrieve writes an access entry (S2)."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        log_access(instance)
        return Response(self.get_serializer(instance).data)
