"""How the API reads its input: the JSON parser and the pagination every endpoint uses (set as
DRF's defaults). Kept apart from `config.api`, which imports DRF's views: these classes are
imported while DRF's views read their defaults."""

from django.utils.translation import gettext as _
from rest_framework import pagination, parsers
from rest_framework.exceptions import ParseError, ValidationError

from config.pages import COUNT_CAP, CappedPaginator, KeysFirstPaginator

MAX_JSON_DEPTH = 32
MAX_ID = 2**63 - 1  # PostgreSQL's bigint


def as_id(value) -> int | None:
    """A database id given as text (a query parameter or path part), or None when it is none:
    ASCII digits only (`"²".isdigit()` is true, `int("²")` fails), from 1 to bigint's maximum."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


# PostgreSQL stores no NUL character in text: a value with one would be a server error.
NUL = "\x00"


def json_depth(data) -> int:
    """How deeply arrays and objects nest in parsed JSON, without recursion."""
    return _walk(data)[0]


def _walk(data) -> tuple[int, list[str]]:
    """The nesting depth of parsed JSON and the names of the values or keys with a NUL
    character (`a.b` for a nested one), without recursion."""
    deepest, with_nul, stack = 0, [], [(data, 1, "")]
    while stack:
        value, depth, name = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                with_nul.append(name)
            continue
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = [(None, item) for item in value]
        else:
            continue
        deepest = max(deepest, depth)
        for key, item in items:
            if key is None:
                stack.append((item, depth + 1, name))
                continue
            shown = key.replace(NUL, "")
            key_name = f"{name}.{shown}" if name else shown
            if shown != key:
                with_nul.append(key_name)
            stack.append((item, depth + 1, key_name))
    return deepest, with_nul


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a depth limit: a body nested deeper than any of the API's
    resources is refused with a 400, not a RecursionError and a 500; so is a NUL character
    in any value or key, named as an invalid parameter."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("The JSON body is nested too deeply.")) from error
        depth, with_nul = _walk(data)
        if depth > MAX_JSON_DEPTH:
            raise ParseError(_("The JSON body is nested too deeply."))
        if with_nul:
            message = _("Null characters are not allowed.")
            raise ValidationError({name or "body": [message] for name in with_nul})
        return data


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages from 1: another page number is invalid input (400, named), a page past the end is
    not found (404). The schema says so (`minimum: 1`). The count stops past `COUNT_CAP`, as on
    the pages (issue 13: `config.pages.CappedPaginator`); `next` is there while rows follow."""

    django_paginator_class = CappedPaginator

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            return raw
        if not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise ValidationError({self.page_query_param: [_("Give a page number from 1.")]})
        return int(raw)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"].update(
            description=f"The number of results, counted up to {COUNT_CAP + 1}: "
            f"{COUNT_CAP + 1} means more than {COUNT_CAP}. Follow `next` to read them all.",
            maximum=COUNT_CAP + 1,
        )
        return answer

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class KeysFirstPagination(PageNumberPagination):
    """For a list sorted on columns an index holds beside the list's filter, such as the duties
    to inform by their date due: a page's keys read first, then its rows by key (issue 13:
    `config.pages.KeysFirstPaginator`)."""

    django_paginator_class = KeysFirstPaginator


class AgendaPagination(PageNumberPagination):
    """Ten a page for the lists of meetings (of the weegploeg and of the casusoverleggen): each
    row counts the agenda items the user sees, which for anyone but the chair or the keeper is
    worked out per meeting shown (ADR 0038). Follow `next` for the rest, as with any list."""

    page_size = 10
