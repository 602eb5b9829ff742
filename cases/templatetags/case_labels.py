"""The labels of stored codes (disclosed parts, measure statuses), shown in the user's language."""

from django import template

from cases.constants import CasePart, MeasureStatus

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
