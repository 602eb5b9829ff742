"""The retention terms of a casusoverleg on its pages (C11, B3, B4), in the terms box of
`retention/` (one box for every page that shows terms), and the archive banner's words."""

from django import template

from cases import selectors
from parties.constants import FileKind
from retention.templatetags.retention_tags import terms_box_for_key

register = template.Library()


@register.inclusion_tag("retention/terms_box.html")
def casusoverleg_terms_box(casusoverleg) -> dict:
    return terms_box_for_key(FileKind.ICO, casusoverleg.pk)


@register.simple_tag
def reopening_text(casusoverleg) -> str:
    return selectors.reopening_text(casusoverleg)
