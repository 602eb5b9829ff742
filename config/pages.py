"""Helpers shared by the pages of every app: the page size of lists, a service's refusal shown on
its form, a search term kept out of the URL, and sortable lists."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect

PAGE_SIZE = 25


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, which keeps everything that was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SessionSearchMixin:
    """A search term can be a person's name: it stays out of the URL, so out of access logs and
    browser history. The form posts it, the session keeps it, the list reads it; the other
    filters, which say nothing about a person, stay in the URL."""

    search_session_key = ""
    url_filters: tuple[str, ...] = ()

    def post(self, request, *args, **kwargs):
        request.session[self.search_session_key] = request.POST.get("q", "").strip()[:200]
        kept = {name: request.POST[name] for name in self.url_filters if request.POST.get(name)}
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)

    @property
    def search_term(self) -> str:
        return self.request.session.get(self.search_session_key, "")


class SortedListMixin:
    """A list page with sortable columns, a stated default order, filters that stay set and a
    result count (U1, U2).

    `sorts` maps a column key to the fields it orders by, ascending; `?sort=key` sorts by it,
    `?sort=-key` the other way. An unknown key falls back to `default_sort`, never an error. The
    primary key ends every order, so pages never overlap.

    Filters stay set: the list's query string (filters and sort, no page) is kept in the session
    per path, and opening the list bare brings it back; `?filters=reset` (the "Clear filters"
    link) forgets it. Only non-personal parameters are in the URL (see SessionSearchMixin), so the
    session holds nothing a URL may not.

    In the template: `{% sort_header "deadline" _("Deadline") %}` per column, `sort` and
    `default_sort` and `result_count` in the context, `{% query_with page=n %}` for links.
    """

    sorts: dict[str, tuple[str, ...]] = {}
    default_sort: str = ""
    remember_filters = True
    # the query parameters that number pages (a page with several lists has one per list):
    # neither remembered nor counted as a filter
    page_params: tuple[str, ...] = ("page",)

    def _remembered_key(self) -> str:
        return f"list-filters:{self.request.path}"

    def get(self, request, *args, **kwargs):
        if self.remember_filters:
            key = self._remembered_key()
            if request.GET.get("filters") == "reset":
                request.session.pop(key, None)
                return redirect(request.path)
            kept = request.GET.copy()
            for param in self.page_params:
                kept.pop(param, None)
            if kept:
                request.session[key] = kept.urlencode()
            elif request.session.get(key) and not request.GET:
                return redirect(f"{request.path}?{request.session[key]}")
        return super().get(request, *args, **kwargs)

    @property
    def sort(self) -> str:
        asked = self.request.GET.get("sort", "")
        return asked if asked.lstrip("-") in self.sorts else self.default_sort

    def sort_order(self) -> list[str]:
        key = self.sort
        descending = key.startswith("-")
        fields = self.sorts[key.lstrip("-")]
        order = []
        for field in fields:
            flipped = field[1:] if field.startswith("-") else f"-{field}"
            order.append(flipped if descending else field)
        return [*order, "-pk" if descending else "pk"]

    def sorted(self, queryset):
        return queryset.order_by(*self.sort_order())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = context.get("paginator")
        context.update(
            sort=self.sort,
            default_sort=self.default_sort,
            result_count=paginator.count if paginator else len(context.get("object_list", [])),
            filters_set=bool(set(self.request.GET) - {*self.page_params, "sort"}),
        )
        return context
