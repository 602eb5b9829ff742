"""U5 groundwork: the API follows the NLGov API Design Rules."""

import json
from pathlib import Path

import pytest
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from config.api import problem_exception_handler
from tests.conftest import verified_client

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_u5_the_openapi_document_is_published_without_sign_in(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_u5_the_committed_openapi_document_is_current(client):
    committed = json.loads((ROOT / "docs" / "api" / "openapi.json").read_text())
    assert client.get("/api/v1/openapi.json").json() == committed, "run `make openapi`"


def test_u5_answers_carry_version_and_no_store(deelnemer):
    response = verified_client(deelnemer).get("/api/v1/partijen")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_u5_a_trailing_slash_answers_404_not_a_redirect(deelnemer):
    response = verified_client(deelnemer).get("/api/v1/partijen/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_u5_errors_are_problem_json(client):
    response = client.get("/api/v1/partijen")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == 401 and body["title"]


def test_u5_invalid_input_is_a_400_naming_the_field_and_reason():
    class Example(serializers.Serializer):
        datum = serializers.DateField()

    serializer = Example(data={"datum": "gisteren"})
    serializer.is_valid()
    response = problem_exception_handler(ValidationError(serializer.errors), {})
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    [param] = response.data["invalidParams"]
    assert param["name"] == "datum"
    assert param["code"] == "invalid"
    assert param["reason"]
