"""Issue 13, S4: the session is saved only when it changed, or when its last save is over a
minute old (which pushes the idle timeout on); a value written again unchanged (a list's
remembered filters) is no change. The idle timeout itself: tests/parties/test_signin.py."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.sessions import SAVED_AT
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def session_writes(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 302)
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in query["sql"]
    )


def test_issue13_a_request_that_changes_nothing_does_not_save_the_session(deelnemer):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = verified_client(deelnemer)
        traveller.shift(timedelta(seconds=5))
        assert session_writes(client, "/") == 0
        traveller.shift(timedelta(seconds=30))
        assert session_writes(client, "/") == 0


def test_issue13_s4_a_minute_after_the_last_save_a_request_pushes_the_expiry_on(deelnemer):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = verified_client(deelnemer)
        traveller.shift(timedelta(seconds=61))
        assert session_writes(client, "/") == 1
        assert client.session[SAVED_AT] == int((start + timedelta(seconds=61)).timestamp())
        assert session_writes(client, "/") == 0


def test_issue13_remembered_filters_written_again_unchanged_do_not_save_the_session(beheerder):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = verified_client(beheerder)
        url = reverse("parties:user-list") + "?sort=-name"
        assert session_writes(client, url) == 1  # remembered: a change
        traveller.shift(timedelta(seconds=5))
        assert session_writes(client, url) == 0  # the same again: none
        assert session_writes(client, reverse("parties:user-list") + "?sort=name") == 1
