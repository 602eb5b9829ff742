"""Retention in templates: the terms box of a file (B3, B4, C11: shown on the casusoverleg's
page too), and the words of the codes a sweep plans with.

    {% load retention_tags %}
    {% retention_terms_box data_file %}
"""

from django import template

from retention.constants import Action, Rule
from retention.terms import describe, terms_for, terms_for_key

register = template.Library()


def terms_box_context(data_file) -> dict:
    """What `retention/terms_box.html` needs, for a view that includes it itself."""
    return _box(terms_for(data_file))


def terms_box_for_key(kind: str, key) -> dict:
    """`terms_box_context` of the file of `kind` with `key`, without reading the file."""
    return _box(terms_for_key(kind, key))


def _box(terms) -> dict:
    return {"terms": terms, "terms_text": describe(terms)}


@register.inclusion_tag("retention/terms_box.html")
def retention_terms_box(data_file):
    return terms_box_context(data_file)


@register.filter
def action_label(code: str) -> str:
    return dict(Action.choices).get(code, code)


@register.filter
def rule_label(code: str) -> str:
    return dict(Rule.choices).get(code, code)


@register.simple_tag(takes_context=True)
def page_url(context, param: str, number: int) -> str:
    """This page's query with `param` (one section's page) set to `number`."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
