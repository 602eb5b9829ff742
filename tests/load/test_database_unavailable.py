"""Issue 13, "PostgreSQL restarted under load": a request that meets a database out of reach
answers 503, a Dutch page or an API problem, shows nothing of the error, and is logged once
without personal data (config/db_errors.py). The real restart is in test_postgres_restart.py."""

import logging

import pytest
from django.db import OperationalError

from config.sessions import SessionStore
from tests.conftest import verified_client
from tests.load.failing_db_urls import MESSAGE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.load.failing_db_urls")]

DUTCH = "De dienst is even niet bereikbaar. Probeer het over een paar minuten opnieuw."


@pytest.fixture
def client(deelnemer):
    client = verified_client(deelnemer)
    client.raise_request_exception = False
    return client


def database_log(caplog):
    return [r for r in caplog.records if r.name in ("config.db_errors", "django.request")]


def assert_logged_once(caplog, view_name):
    records = database_log(caplog)
    assert [(r.name, r.levelno) for r in records] == [("config.db_errors", logging.WARNING)]
    line = records[0].getMessage()
    assert view_name in line and "OperationalError" in line
    assert "10.0.0.5" not in line and "refused" not in line
    assert records[0].exc_info is None  # no traceback: a message can quote a query


def test_issue13_a_page_without_database_answers_the_dutch_503_page(client, caplog):
    response = client.get("/onbereikbaar/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert DUTCH in page and "Even niet bereikbaar" in page
    assert "10.0.0.5" not in page and "OperationalError" not in page
    assert_logged_once(caplog, "unreachable-page")


def test_issue13_the_api_without_database_answers_a_503_problem(client, caplog):
    response = client.get("/api/v1/onbereikbaar")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == 503
    assert body["title"] == "Dienst tijdelijk niet beschikbaar."
    assert body["detail"] == DUTCH
    assert MESSAGE not in response.content.decode()
    assert_logged_once(caplog, "unreachable-api")


def test_issue13_a_closed_connection_is_a_503_too(client, caplog):
    response = client.get("/gesloten/")
    assert response.status_code == 503
    assert len(database_log(caplog)) == 1


def test_issue13_another_error_stays_a_500(client):
    response = client.get("/kapot/")
    assert response.status_code == 500
    assert DUTCH not in response.content.decode()


def test_issue13_the_session_unreadable_in_the_middleware_is_a_503_logged_once(
    client, caplog, monkeypatch
):
    """The database is first needed by the session and authentication middleware, before any
    view: the answer is the same 503, and the request is logged once."""

    def unreachable(self):
        raise OperationalError(MESSAGE)

    monkeypatch.setattr(SessionStore, "_get_session_from_db", unreachable)
    response = client.get("/")
    assert response.status_code == 503
    assert DUTCH in response.content.decode()
    assert len(database_log(caplog)) == 1
    response = client.get("/api/v1/gebruikers/mij")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
