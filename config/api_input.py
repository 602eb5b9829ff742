"""How the API reads its input: the JSON parser and the pagination every endpoint uses (set as
DRF's defaults). Kept apart from `config.api`, which imports DRF's views: these classes are
imported while DRF's views read their defaults."""

from django.utils.translation import gettext as _
from rest_framework import pagination, parsers
from rest_framework.exceptions import ParseError, ValidationError

MAX_JSON_DEPTH = 32


def json_depth(data) -> int:
    """How deeply arrays and objects nest in parsed JSON, without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in value)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a depth limit: a body nested deeper than any of the API's
    resources is refused with a 400, not a RecursionError and a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("The JSON body is nested too deeply.")) from error
        if json_depth(data) > MAX_JSON_DEPTH:
            raise ParseError(_("The JSON body is nested too deeply."))
        return data


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages from 1: another page number is invalid input (400, named), a page past the end is
    not found (404). The schema says so (`minimum: 1`)."""

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            return raw
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: [_("Give a page number from 1.")]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
