"""U5: no server error from ordinary input, and every API error, a server error included, is
application/problem+json (RFC 9457) without a stack or personal data."""

import json

import pytest

from parties.constants import Function
from tests.config.raising_urls import PERSONAL
from tests.conftest import verified_client
from tests.factories import make_user
from tests.weegploeg.factories import signal

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def keeper(wp):
    client = verified_client(wp.uitvoerder)
    client.raise_request_exception = False
    return client


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == status
    assert body["title"] and isinstance(body["detail"], str) and body["type"]
    return body


@pytest.mark.urls("tests.config.raising_urls")
def test_u5_an_unhandled_exception_in_the_api_is_a_problem_without_stack_or_personal_data(
    keeper,
):
    response = keeper.get("/api/v1/kapot")
    assert_problem(response, 500)
    text = response.content.decode()
    for leak in ("Piet", "Jansen", "2001", "Traceback", "RuntimeError", "unexpected"):
        assert leak not in text
    assert response["Cache-Control"] == "no-store"


@pytest.mark.urls("tests.config.raising_urls")
def test_u5_an_unhandled_exception_on_a_page_is_still_the_html_page(keeper):
    response = keeper.get("/kapot/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert PERSONAL not in response.content.decode()


def test_u5_a_5000_deep_json_array_is_a_400(keeper, wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    body = "[" * 5000 + "]" * 5000
    response = keeper.post(
        f"/api/v1/wegingen/{assessment.number}/informatie", body, content_type="application/json"
    )
    assert_problem(response, 400)


def test_u5_json_nested_deeper_than_any_resource_is_a_400(keeper):
    body = {"a": 1}
    for _level in range(40):
        body = {"nested": body}
    response = keeper.post("/api/v1/signalen", json.dumps(body), content_type="application/json")
    assert_problem(response, 400)


def test_u5_ordinary_nesting_still_parses():
    from config.api_input import MAX_JSON_DEPTH, json_depth

    assert json_depth({"a": [{"b": 1}]}) == 3
    assert json_depth("text") == 0
    assert MAX_JSON_DEPTH >= 8


BEYOND_64_BITS = str(2**64 + 1)


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/casussen?casusoverleg={BEYOND_64_BITS}",
        f"/api/v1/signalen?assessment={BEYOND_64_BITS}",
        f"/api/v1/maatregelen?case={BEYOND_64_BITS}",
    ],
)
def test_u5_an_integer_beyond_64_bits_in_a_filter_is_no_server_error(keeper, path):
    response = keeper.get(path)
    assert response.status_code in (200, 400), response.content


@pytest.mark.parametrize(
    "resource",
    [
        "partijen",
        "veiligheidshuizen",
        "signalen",
        "analyses",
        "beslissingen",
        "overleggen",
        "agenderingen",
        "casusoverleggen",
        "maatregelen",
        "bijeenkomsten",
        "verstrekkingen",
    ],
)
def test_u5_a_path_id_beyond_64_bits_is_a_404_problem(keeper, resource):
    assert_problem(keeper.get(f"/api/v1/{resource}/{BEYOND_64_BITS}"), 404)


@pytest.mark.parametrize("page", ["0", "-1", "een", "1.5", "١"])
def test_u5_a_page_number_below_1_or_not_a_number_is_a_400_naming_page(keeper, page):
    body = assert_problem(keeper.get(f"/api/v1/partijen?page={page}"), 400)
    assert [param["name"] for param in body["invalidParams"]] == ["page"]


def test_u5_a_page_past_the_end_is_a_404_and_page_1_is_the_default(keeper):
    assert_problem(keeper.get(f"/api/v1/partijen?page={BEYOND_64_BITS}"), 404)
    assert keeper.get("/api/v1/partijen?page=1").json() == keeper.get("/api/v1/partijen").json()


def test_u5_a_not_found_problem_has_a_title(keeper):
    body = assert_problem(keeper.get("/api/v1/partijen/999999"), 404)
    assert body["title"] == "Niet gevonden."


@pytest.mark.parametrize(
    "path, name",
    [
        ("/api/v1/wegingen?search=W%00", "search"),
        ("/api/v1/signalen?assessment=%00", "assessment"),
        ("/api/v1/wegingen/W%00", "path"),
    ],
)
def test_u5_a_null_character_in_the_path_or_a_query_parameter_is_a_400_naming_it(
    keeper, path, name
):
    body = assert_problem(keeper.get(path), 400)
    assert [param["name"] for param in body["invalidParams"]] == [name]


def test_u5_a_null_character_on_a_page_is_a_400_not_a_500(wp):
    client = verified_client(wp.uitvoerder)
    client.raise_request_exception = False
    assert client.get("/weegploeg/?q=%00").status_code == 400


def test_u5_a_null_character_in_a_json_body_is_a_400_naming_the_field(keeper, wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    body = {"gatheredOn": "2026-11-10", "content": "Bekend\u0000", "party": wp.om.pk}
    response = keeper.post(
        f"/api/v1/wegingen/{assessment.number}/informatie",
        json.dumps(body),
        content_type="application/json",
    )
    problem = assert_problem(response, 400)
    assert [param["name"] for param in problem["invalidParams"]] == ["content"]
    assert assessment.additional_information.count() == 0


def test_u5_the_parser_names_each_value_or_key_with_a_null_character():
    from config.api_input import _walk

    depth, named = _walk({"a": {"b\u0000c": "x", "d": ["ok", "n\u0000"]}, "e": 1})
    assert depth == 3
    assert sorted(named) == ["a.bc", "a.d"]


@pytest.mark.parametrize("text", ["²", "١", "0", "-1", "1.0", "", None, str(2**63)])
def test_u5_an_id_in_a_query_parameter_is_ascii_digits_within_bigint(text):
    from config.api_input import as_id

    assert as_id(text) is None


def test_u5_an_id_in_a_query_parameter_is_read_as_a_number():
    from config.api_input import as_id

    assert as_id("42") == 42 and as_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize(
    "path", ["/beheer/gebruikers/?party=%C2%B2", "/beheer/autorisatielog/?party=%C2%B2"]
)
def test_u5_a_superscript_digit_as_party_filter_on_a_page_is_ignored_not_a_500(wp, path):
    client = verified_client(make_user(wp.haarlem, Function.BEHEERDER, username="beheer"))
    client.raise_request_exception = False
    assert client.get(path).status_code == 200


def test_u5_a_superscript_digit_as_casusoverleg_filter_is_a_400(keeper):
    assert_problem(keeper.get("/api/v1/casussen?casusoverleg=%C2%B2"), 400)
