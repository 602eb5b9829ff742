"""Template helpers of every page, loaded as a builtin (settings TEMPLATES): dates as dd-mm-jjjj
that never break on a phone, links that keep a list's filters, and sortable column headers."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _time(value, shown: str, machine: str):
    return format_html('<time class="vh-nowrap" datetime="{}">{}</time>', machine, shown)


@register.filter
def day(value):
    """A date (or the day of a moment) as dd-mm-jjjj in a <time> that does not wrap (U4)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return _time(value, date_format(value, "d-m-Y"), value.isoformat())


@register.filter
def moment(value):
    """A moment as dd-mm-jjjj uu:mm in the local time zone, in a <time> that does not wrap."""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _time(local, date_format(local, "d-m-Y H:i"), local.isoformat(timespec="minutes"))


@register.filter
def nowrap(value):
    """A number, code or amount that must not break inside on a narrow screen."""
    if value in (None, ""):
        return ""
    return format_html('<span class="vh-nowrap">{}</span>', value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None or "" removes one), so that
    pagination and sorting keep the filters that are set. Changing anything but the page goes
    back to the first page."""
    request = context["request"]
    params = request.GET.copy()
    if set(changes) - {"page"}:
        params.pop("page", None)
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str):
    """A column header that sorts the list (`config.pages.SortedListMixin`): a link that sorts
    by this column, ascending first and descending when it already sorts ascending, with
    aria-sort telling a screen reader how the list is sorted now."""
    current = context.get("sort", "")
    ascending, descending = current == key, current == f"-{key}"
    target = f"-{key}" if ascending else key
    aria = "ascending" if ascending else "descending" if descending else "none"
    arrow = " ▲" if ascending else " ▼" if descending else ""
    hint = _("sort descending") if ascending else _("sort ascending")
    return format_html(
        '<th class="utrecht-table__header-cell" scope="col" aria-sort="{}">'
        '<a class="utrecht-link vh-sort" href="{}">{}<span aria-hidden="true">{}</span>'
        '<span class="vh-visually-hidden"> ({})</span></a></th>',
        aria,
        query_with(context, sort=target),
        label,
        arrow,
        hint,
    )
