"""What every endpoint under /api/v1/ shares (NLGov API Design Rules): headers and errors."""

import json
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request, page_not_found
from django.views.defaults import server_error as server_error_page
from rest_framework import exceptions, serializers, status
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"


class ApiHeadersMiddleware:
    """API-Version on every API answer, errors included (no caching: `config.caching`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response["API-Version"] = settings.API_VERSION
        return response


def plain_problem(
    status_code: int, title: str, detail: str = "", invalid_params=None
) -> HttpResponse:
    """An RFC 9457 answer outside DRF's views (middleware, URL resolving)."""
    body = {"type": "about:blank", "status": status_code, "title": title, "detail": detail}
    if invalid_params:
        body["invalidParams"] = invalid_params
    return HttpResponse(json.dumps(body), status=status_code, content_type=PROBLEM_JSON)


class RefuseNulMiddleware:
    """A NUL character in the path or a query parameter is invalid input (400) for every page
    and endpoint: PostgreSQL stores none, so a filter or lookup with one would be a 500. The
    JSON parser (`config.api_input`) refuses one in a body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = [
            name
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        ]
        if "\x00" in request.path:
            names.append("path")
        if not names:
            return self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return bad_request(request, SuspiciousOperation("NUL character in the request"))
        reason = _("Null characters are not allowed.")
        return plain_problem(
            400,
            _("Invalid input."),
            _("One or more fields are not filled in correctly."),
            [
                {
                    "name": name.replace("\x00", ""),
                    "code": "null_characters_not_allowed",
                    "reason": reason,
                }
                for name in names
            ],
        )


def not_found(request, exception):
    """404 for the whole site: problem+json under the API, the page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return plain_problem(404, _("Not found."))
    return page_not_found(request, exception)


def server_error(request):
    """500 for the whole site: problem+json under the API, the page elsewhere. Nothing of the
    error itself is shown: it is in the log."""
    if request.path.startswith(API_PREFIX):
        return plain_problem(
            500,
            _("Internal server error."),
            _("Something went wrong on our side. It has been logged; please try again later."),
        )
    return server_error_page(request)


def problem_response(*, status_code: int, title: str, detail: str = "", invalid_params=None):
    body = {"type": "about:blank", "status": status_code, "title": title, "detail": detail}
    if invalid_params:
        body["invalidParams"] = invalid_params
    return Response(body, status=status_code, content_type=PROBLEM_JSON)


def _invalid_params(data, prefix=""):
    """Flatten DRF's error detail into RFC 9457 invalid parameters: name, code, reason."""
    params = []
    if isinstance(data, dict):
        for name, value in data.items():
            params += _invalid_params(value, f"{prefix}.{name}" if prefix else str(name))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                params += _invalid_params(item, prefix)
            else:
                params.append(
                    {"name": prefix or "nonFieldErrors", "code": item.code, "reason": str(item)}
                )
    else:
        params.append({"name": prefix or "nonFieldErrors", "code": data.code, "reason": str(data)})
    return params


def problem_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problem = problem_response(
            status_code=status.HTTP_400_BAD_REQUEST,
            title=_("Invalid input."),
            detail=_("One or more fields are not filled in correctly."),
            invalid_params=_invalid_params(exc.detail),
        )
    else:
        # DRF turns Django's Http404 and PermissionDenied into its own exceptions, with their
        # detail in the response it made; Django's 404 text names the model: not shown.
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        if isinstance(exc, Http404):
            detail = _("Not found.")
        problem = problem_response(
            status_code=response.status_code, title=str(detail), detail=str(detail)
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


def camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


class CamelCaseModelSerializer(serializers.ModelSerializer):
    # A ModelSerializer whose model fields appear in camelCase; Meta.fields names the model's
    # fields, validated data keeps them. (A comment, not a docstring: the OpenAPI document
    # would show it as the description of every resource that has none of its own.)

    def get_fields(self):
        fields = {}
        for name, field in super().get_fields().items():
            api_name = camel(name)
            if api_name != name and field.source is None:
                field.source = name
            fields[api_name] = field
        return fields


class DossierNumberFieldBase(serializers.SlugRelatedField):
    """A dossier by its number, among those the user may see (or keep, for the keeper's
    writes). Any other number answers 404, as if it did not exist. A file names its
    `model` and the two queryset helpers of its permissions module."""

    model = None
    visible = None  # (user) -> queryset
    keepable = None  # (user) -> queryset
    related = ()  # select_related for the dossier that is found

    def __init__(self, *, keep: bool = False, **kwargs):
        self.keep = keep
        kwargs["slug_field"] = "number"
        if not kwargs.get("read_only"):
            kwargs["queryset"] = self.model.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        helper = type(self).keepable if self.keep else type(self).visible
        return helper(user)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        dossier = self.get_queryset().select_related(*self.related).filter(number=data).first()
        if dossier is None:
            raise NotFound(_("Not found."))
        return dossier


# --- services behind the API -------------------------------------------------------------------

NON_FIELD = "nonFieldErrors"


def as_api_error(error: DjangoValidationError, names: dict[str, str] | None = None):
    """A service's ValidationError as DRF's, keyed by the API's field names, codes and messages
    kept (the C8 guard's message names its rule)."""
    names = names or {}

    def details(errors):
        return [
            ErrorDetail(message, code=each.code or "invalid") for each in errors for message in each
        ]

    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                NON_FIELD if field == NON_FIELD_ERRORS else names.get(field, camel(field)): details(
                    errors
                )
                for field, errors in error.error_dict.items()
            }
        )
    return ValidationError({NON_FIELD: details(error.error_list)})


@contextmanager
def service_call(*, names=None, denied=None):
    """Run a service: its ValidationError becomes a 400, its PermissionDenied `denied` (404 by
    default: the dossier is not one the user may keep)."""
    try:
        yield
    except DjangoPermissionDenied as refused:
        raise (denied or NotFound(_("Not found."))) from refused
    except DjangoValidationError as invalid:
        raise as_api_error(invalid, names) from invalid


# --- serializers -------------------------------------------------------------------------------


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """An error (RFC 9457, application/problem+json)."""

    type = serializers.CharField()
    status = serializers.IntegerField()
    title = serializers.CharField()
    detail = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True, required=False)


NOT_FOUND = {(404, PROBLEM_JSON): ProblemSerializer}
WRITE_ERRORS = {(400, PROBLEM_JSON): ProblemSerializer, **NOT_FOUND}
