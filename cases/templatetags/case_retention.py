"""The retention terms of a casusoverleg on its pages (C11, B3, B4) and the archive banner."""

from dataclasses import dataclass

from django import template

from cases import selectors
from retention.constants import ArchiveFrom
from retention.terms import Terms, describe

register = template.Library()


@dataclass(frozen=True)
class ShownTerms:
    terms: Terms
    text: str
    archive_from: str  # the label of where the archive term runs from


@register.simple_tag
def casusoverleg_terms(casusoverleg) -> ShownTerms:
    terms = selectors.casusoverleg_terms(casusoverleg)
    return ShownTerms(terms, describe(terms), str(ArchiveFrom(terms.archive_from).label))


@register.simple_tag
def reopening_text(casusoverleg) -> str:
    return selectors.reopening_text(casusoverleg)
