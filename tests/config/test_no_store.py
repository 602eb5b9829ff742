"""S1 (CTER 15.1): no copy of personal data in a browser's or proxy's cache. Every page to a
signed-in user and every API answer says `Cache-Control: no-store`, whatever its status."""

import pytest
from django.test import Client

from parties.constants import Function
from tests.conftest import verified_client
from tests.factories import make_user
from tests.parties.test_signin import _checked_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def uitvoerder(gemeente):
    return make_user(gemeente, Function.UITVOERDER, Function.BEHEERDER, username="uitvoerder")


def assert_no_store(response, path):
    assert response["Cache-Control"] == "no-store", (path, response.status_code)
    assert response["Pragma"] == "no-cache", path


def test_s1_the_walk_covers_pages_and_api():
    paths = _checked_paths()
    assert "/" in paths and "/api/v1/partijen" in paths and "/weegploeg/" in paths


@pytest.mark.parametrize("path", _checked_paths())
def test_s1_every_page_and_endpoint_to_a_signed_in_user_is_not_stored(uitvoerder, path):
    client = verified_client(uitvoerder)
    client.raise_request_exception = False
    assert_no_store(client.get(path), path)


def test_s1_the_sign_out_answer_is_not_stored(uitvoerder):
    client = verified_client(uitvoerder)
    assert_no_store(client.post("/account/logout/"), "/account/logout/")


def test_s1_api_answers_to_anyone_are_not_stored(client):
    assert_no_store(client.get("/api/v1/partijen"), "/api/v1/partijen")  # 401


def test_s1_a_signed_in_users_form_post_is_not_stored(uitvoerder):
    client = verified_client(uitvoerder)
    response = client.post("/weegploeg/signalen/nieuw/", {})
    assert_no_store(response, "post")


def test_s1_what_an_anonymous_visitor_sees_may_be_cached():
    response = Client().get("/healthz")
    assert "no-store" not in response.get("Cache-Control", "")
