"""Helpers shared by the pages of every app: the page size of lists, a service's refusal shown on
its form, a search term kept out of the URL, sortable lists and the paginator of every list."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils.functional import cached_property

PAGE_SIZE = 25
# Issue 13: a list counts its rows up to this many and one more; past it, it says "more than".
COUNT_CAP = 1000
# The query parameter that opens the form of one item of a page that lists many (a meeting's
# agenda): one form open at a time (issue 13).
OPEN_FORM = "vastleggen"


def page_url(url: str, number: int) -> str:
    """`url` at page `number` of what it lists; the first page without the parameter."""
    return f"{url}?page={number}" if number > 1 else url


def open_form_url(url: str, number: int) -> str:
    """The start of the link that opens the form of one item (`OPEN_FORM`) of page `number` of
    `url` ("" for the page itself); the item's pk follows. No #fragment after it: a browser
    ignores autofocus when the URL names a target on the page."""
    page = page_url(url, number)
    return f"{page}{'&' if '?' in page else '?'}{OPEN_FORM}="


class CappedPaginator(Paginator):
    """Django's paginator with a count that stops (issue 13): counting every row of a large
    visible set (tens of thousands, each checked against the permissions) costs more than
    reading a page of it. The count is `SELECT COUNT(*) FROM (SELECT id ... LIMIT cap + 1)`,
    without the list's order; when it reaches `cap + 1` the list is `capped`: the page says
    "more than 1.000 results", page numbers past the count still work (by offset, until a page
    comes back empty), and whether there is a next page is found by reading one row more.
    Used by every sortable list (`SortedListMixin`) and the API (`config.api_input`).

    `part`: some of the list's rows, cheaper to count (the access log's entries of its own
    parties, read from an index): when they alone pass the cap, the list is capped without
    counting it whole. Both counts are one query, whose second runs only when the first stays
    within the cap (the database runs a subquery of a CASE only for the branch taken)."""

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *args, part: QuerySet | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.part = part

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)
        if self.part is None:
            return self.object_list.order_by().values("pk")[: self.cap + 1].count()
        part_sql, part_params = self._count_sql(self.part)
        whole_sql, whole_params = self._count_sql(self.object_list)
        with connections[self.object_list.db].cursor() as cursor:
            cursor.execute(
                f"SELECT CASE WHEN ({part_sql}) > %s THEN %s ELSE ({whole_sql}) END",
                (*part_params, self.cap, self.cap + 1, *whole_params),
            )
            return cursor.fetchone()[0]

    def _count_sql(self, rows: QuerySet) -> tuple[str, tuple]:
        """The SQL of the capped count of `rows`, as `count` makes it without a part."""
        sql, params = rows.order_by().values("pk")[: self.cap + 1].query.sql_with_params()
        return f"SELECT COUNT(*) FROM ({sql}) capped", params  # noqa: S608 - compiled by Django, values bound

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def _rows(self, sliced):
        """The rows of a slice of the list as the page reads them (`KeysFirstPaginator`)."""
        return sliced

    def _get_page(self, object_list, number, paginator):
        # Django's `page` hands the slice of an uncapped list here.
        return super()._get_page(self._rows(object_list), number, paginator)

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self._rows(self.object_list[bottom : bottom + self.per_page + 1]))
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def get_page(self, number):
        """A valid page whatever is asked: past the end of a capped list, the first."""
        try:
            return super().get_page(number)
        except InvalidPage:
            return self.page(1)


class KeysFirstPaginator(CappedPaginator):
    """A `CappedPaginator` that reads a page's keys first, then its rows by those keys in the
    list's order (issue 13): for a list sorted on what only its whole rows hold, such as the
    duties to inform by their date due (`rights.views.duties`). The keys of the whole set then
    come from an index that holds the columns of the order, and only the page's rows are
    read, where a plain slice read every row of the set to sort it (13,215 duties of the
    uitvoerder's files at national scale)."""

    def _rows(self, sliced):
        if not isinstance(sliced, QuerySet):
            return sliced
        return self.object_list.filter(pk__in=sliced.values("pk"))


class CappedPage(Page):
    """A page of a capped list: whether another follows is known from the row read past it."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self) - 1


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
    `default_sort` and `result_count` (with `result_capped`: counted up to `CappedPaginator.cap`
    only) in the context, `{% query_with page=n %}` for links.
    """

    sorts: dict[str, tuple[str, ...]] = {}
    default_sort: str = ""
    paginator_class = CappedPaginator
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
            # Issue 13: "more than 1.000 results" where the count stopped.
            result_capped=getattr(paginator, "capped", False),
            result_cap=getattr(paginator, "cap", None),
            filters_set=bool(set(self.request.GET) - {*self.page_params, "sort"}),
        )
        return context
