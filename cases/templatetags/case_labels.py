"""The labels of stored codes (disclosed parts, measure statuses), shown in the user's language."""

import datetime

from django import template
from django.utils.translation import ngettext

from cases.constants import CasePart, MeasureStatus
from parties.templatetags.ui import day

register = template.Library()


def _label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


@register.filter
def part_labels(codes) -> str:
    return ", ".join(_label(CasePart, code) for code in codes or ())


@register.filter
def measure_status_label(code: str) -> str:
    return _label(MeasureStatus, code)


def _signals(count):
    return ngettext("%(count)d signal", "%(count)d signals", count)


def _findings(count):
    return ngettext("%(count)d finding", "%(count)d findings", count)


# Agendering records one row per signal or finding; the copy of C10 one row per kind with a count.
TRANSFER_KINDS = {
    "signal": _signals,
    "signals": _signals,
    "finding": _findings,
    "findings": _findings,
    "goals": lambda count: ngettext("%(count)d goal", "%(count)d goals", count),
    "measures": lambda count: ngettext("%(count)d measure", "%(count)d measures", count),
    "related_people": lambda count: ngettext(
        "%(count)d related person", "%(count)d related people", count
    ),
}


@register.filter
def transfer_contents(what) -> str:
    """What a transfer copied, as recorded in `Transfer.what`: the personal details, then a
    count per kind."""
    counts, parts = {}, []
    for row in what or ():
        kind = row.get("kind", "")
        if kind == "personal_details":
            parts.append(str(CasePart.PERSONAL_DETAILS.label))
        elif kind in TRANSFER_KINDS:
            label = TRANSFER_KINDS[kind]
            counts[label] = counts.get(label, 0) + row.get("count", 1)
    parts += [label(count) % {"count": count} for label, count in counts.items()]
    return ", ".join(parts)


@register.filter
def iso_day(value):
    """A date stored as ISO text in a disclosure's copy, shown as dd-mm-jjjj (U4); what is not
    a date is shown as it is."""
    if not value:
        return ""
    try:
        return day(datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return value
