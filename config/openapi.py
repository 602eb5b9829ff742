"""The published OpenAPI document meets the NLGov API Design Rules 2.1 as Logius' linter checks
them (U5): a drf-spectacular postprocessing hook adds what every operation shares.

- `servers`: the API's base path with its major version (/core/uri-version); paths are relative
  to it, without a trailing slash (/core/no-trailing-slash).
- `info.contact` with name, url and e-mail (/core/doc-openapi-contact), from settings.
- The `API-Version` header on every response (/core/version-header): `config.api` sends it.
- application/problem+json error responses (/core/error-handling): 400 on every operation, 401
  and 403 on every operation that needs a signed-in user or token, 404 on every operation that
  names a resource in its path or body or pages through a list.
"""

from django.conf import settings
from drf_spectacular import openapi

from config.api import PROBLEM_JSON

SERVER_URL = "/api/v1"
VERSION_HEADER = "API-Version"
METHODS = ("get", "put", "post", "delete", "patch")

ERRORS = {
    "400": "Invalid input: the problem names each invalid parameter (invalidParams).",
    "401": "Not signed in, or the token is unknown, expired or revoked.",
    "403": "Signed in without a second factor, or the user's party may not act.",
    "404": "Not found, or not one the user may see.",
}


class AutoSchema(openapi.AutoSchema):
    """The schema says what the server enforces. A text field that refuses a blank value gets
    `minLength: 1` in requests (COMPONENT_SPLIT_REQUEST) and, since the server trims spaces
    before that check, `pattern: \\S`: at least one character that is not a space."""

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if (
            direction == "request"
            and meta.get("minLength")
            and getattr(field, "trim_whitespace", 0)
        ):
            meta["pattern"] = r"\S"
        return meta


def _problem(description: str) -> dict:
    return {
        "description": description,
        "headers": {VERSION_HEADER: {"$ref": f"#/components/headers/{VERSION_HEADER}"}},
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _errors_that_apply(path: str, operation: dict) -> list[str]:
    codes = ["400"]
    security = operation.get("security", [])
    if security and {} not in security:
        codes += ["401", "403"]
    parameters = operation.get("parameters", [])
    names_a_resource = "{" in path or "requestBody" in operation
    pages = any(p.get("in") == "query" and p.get("name") == "page" for p in parameters)
    if names_a_resource or pages:
        codes.append("404")
    return codes


def adr_postprocessing_hook(result, generator, request, public):
    result["servers"] = [{"url": SERVER_URL, "description": "This server, API major version 1"}]
    result["info"]["contact"] = {
        "name": settings.API_CONTACT_NAME,
        "url": settings.API_CONTACT_URL,
        "email": settings.API_CONTACT_EMAIL,
    }
    components = result.setdefault("components", {})
    components.setdefault("headers", {})[VERSION_HEADER] = {
        "description": "The full version of the API that answered (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
    header_ref = {"$ref": f"#/components/headers/{VERSION_HEADER}"}
    for path, item in result.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code in _errors_that_apply(path, operation):
                responses.setdefault(code, _problem(ERRORS[code]))
            for response in responses.values():
                response.setdefault("headers", {})[VERSION_HEADER] = header_ref
    return result
