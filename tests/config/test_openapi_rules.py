"""U5: the published OpenAPI document passes the rules of Logius' linter for the NLGov API Design
Rules 2.1 (its Spectral rule set, which extends the generic OpenAPI rules). One test per rule,
named after it, over the document as it is published; the committed copy is the same
(`tests/config/test_api.py`).

Not checked: `servers-use-https` (a warning): the server URL is relative, so the document
names the address it was fetched from, HTTPS in production."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
ADR_METHODS = {"get", "put", "post", "delete", "patch"}
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
KEBAB_PATH = re.compile(
    r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|{[^}]+})(\/([a-z0-9\-\.]+|{[^}]+}))*)(\/_[a-z]+)?)\/?)$"
)
PASCAL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
PROBLEM_JSON = "application/problem+json"


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def resolve(document, obj):
    while "$ref" in obj:
        *_, section, name = obj["$ref"].split("/")
        obj = document["components"][section][name]
    return obj


def test_u5_adr_openapi3_the_document_is_openapi_3(document):
    assert re.match(r"^3(.\d+){1,2}$", document["openapi"])


def test_u5_adr_openapi_root_exists_published_without_sign_in_beside_the_api(client, document):
    """/core/doc-openapi: at `openapi.json` under the server's base path, for anyone."""
    [server] = document["servers"]
    response = client.get(server["url"] + "/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("json")  # application/vnd.oai.openapi+json
    assert response.json()["openapi"] == document["openapi"]


def test_u5_adr_oas3_api_servers_the_document_names_its_server(document):
    assert document["servers"] and all(server["url"] for server in document["servers"])


def test_u5_adr_include_major_version_in_uri(document):
    """/core/uri-version"""
    for server in document["servers"]:
        assert re.search(r"\/v[\d+]", server["url"]), server


def test_u5_adr_missing_header_every_success_response_documents_headers(document):
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            if re.match(r"(2|3)\d\d", code):
                assert resolve(document, response).get("headers"), (path, method, code)


def test_u5_adr_missing_version_header_every_response_documents_api_version(document, client):
    """/core/version-header: on every response, errors included; the server sends it."""
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            assert "API-Version" in resolve(document, response)["headers"], (path, method, code)
    header = document["components"]["headers"]["API-Version"]
    assert header["required"] is True
    assert client.get("/api/v1/partijen")["API-Version"] == document["info"]["version"]


def test_u5_adr_paths_no_trailing_slash(document):
    """/core/no-trailing-slash"""
    for path in document["paths"]:
        assert path == "/" or not path.endswith("/"), path


def test_u5_adr_paths_kebab_case(document):
    for path in document["paths"]:
        assert KEBAB_PATH.match(path), path


def test_u5_adr_http_methods_only_standard_methods(document):
    """/core/http-methods"""
    for path, item in document["paths"].items():
        for key in item:
            assert key in ADR_METHODS | {"parameters", "summary", "description"}, (path, key)


def test_u5_adr_info_contact_fields_exist(document):
    """/core/doc-openapi-contact: name, url and e-mail, from the settings."""
    contact = document["info"]["contact"]
    assert contact == {
        "name": settings.API_CONTACT_NAME,
        "url": settings.API_CONTACT_URL,
        "email": settings.API_CONTACT_EMAIL,
    }
    assert all(contact.values())
    assert contact["url"].startswith(("https://", "http://")) and "@" in contact["email"]


def test_u5_adr_semver_info_version(document):
    assert SEMVER.match(document["info"]["version"])
    assert document["info"]["version"] == settings.API_VERSION


def test_u5_adr_use_problem_schema_every_error_response_is_problem_json(document):
    """/core/error-handling/problem-details (RFC 9457)"""
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    for path, method, operation in operations(document):
        for code, response in operation["responses"].items():
            if re.match(r"(4|5)\d\d", code):
                content = resolve(document, response)["content"]
                assert list(content) == [PROBLEM_JSON], (path, method, code)


def test_u5_adr_every_operation_documents_a_400_problem(document):
    """/core/error-handling/invalid-input: invalid input answers 400."""
    for path, method, operation in operations(document):
        assert "400" in operation["responses"], (path, method)


def test_u5_adr_secured_operations_document_401_and_403(document):
    for path, method, operation in operations(document):
        if operation.get("security") and {} not in operation["security"]:
            assert {"401", "403"} <= set(operation["responses"]), (path, method)


def test_u5_adr_operations_on_a_resource_document_404(document):
    for path, method, operation in operations(document):
        if "{" in path:
            assert "404" in operation["responses"], (path, method)


def test_u5_adr_operation_success_response(document):
    for path, method, operation in operations(document):
        assert any(code.startswith("2") for code in operation["responses"]), (path, method)


def test_u5_adr_operation_ids_are_unique(document):
    ids = [operation["operationId"] for _path, _method, operation in operations(document)]
    assert len(ids) == len(set(ids))


def test_u5_adr_schema_names_are_pascal_case(document):
    for name in document["components"]["schemas"]:
        assert PASCAL.match(name), name


def test_u5_adr_property_names_are_camel_case(document):
    for name, schema in document["components"]["schemas"].items():
        for prop in schema.get("properties", {}):
            assert CAMEL.match(prop), (name, prop)


def test_u5_adr_page_numbers_start_at_1(document):
    """The schema says what the server enforces: `page` from 1 (a 400 otherwise)."""
    pages = [
        parameter
        for _path, _method, operation in operations(document)
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "page"
    ]
    assert pages and all(parameter["schema"]["minimum"] == 1 for parameter in pages)


def test_u5_text_that_may_not_be_blank_says_so_in_requests(document):
    """The schema says what the server enforces: a text the server refuses blank (after
    trimming spaces) has `minLength: 1` and a non-space character in request bodies."""
    advice = document["components"]["schemas"]["ExpertAdviceRequest"]["properties"]
    assert advice["question"]["minLength"] == 1 and advice["question"]["pattern"] == r"\S"
    assert "minLength" not in advice["advice"]
    for name, schema in document["components"]["schemas"].items():
        for prop, field in schema.get("properties", {}).items():
            if field.get("minLength") == 1 and field.get("type") == "string":
                assert name.endswith("Request") and "pattern" in field, (name, prop)


def test_u5_request_bodies_are_apart_from_answers(document):
    """Read-only fields are not part of what a client sends."""
    for name, schema in document["components"]["schemas"].items():
        if name.endswith("Request"):
            for prop, field in schema.get("properties", {}).items():
                assert not field.get("readOnly"), (name, prop)
