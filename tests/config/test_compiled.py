"""Issue 13 (ADR 0030): the queries every request makes before its view (the session, the user
with their rights, the second factor) are compiled to SQL once per connection
(`config.compiled`), and still answer exactly what the querysets answer: S4 (an expired session,
another user's or an unconfirmed device signs no one in), P5 and P8 (a right changed between two
requests counts from the next one)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.compiled import CompiledQuery
from parties import services
from parties.backends import MemberBackend
from parties.constants import Function
from parties.models import User
from parties.rights import with_rights
from tests.config.clean_process import run_clean
from tests.conftest import verified_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_issue13_the_user_is_read_with_the_same_rights_as_the_queryset_reads(deelnemer):
    compiled = MemberBackend().get_user(deelnemer.pk)
    read = with_rights(User.objects.filter(pk=deelnemer.pk)).get()
    rights = [name for name in vars(read) if name.startswith("rights_")]
    assert rights  # the annotations
    assert {name: getattr(compiled, name) for name in rights} == {
        name: getattr(read, name) for name in rights
    }
    # select_related: the membership and its party came with the user, without a query.
    assert compiled._state.fields_cache["membership"].pk == read.membership.pk
    assert compiled.membership._state.fields_cache["party"].pk == read.membership.party.pk
    assert (compiled.username, compiled.password) == (read.username, read.password)
    assert MemberBackend().get_user(-5) is None
    assert MemberBackend().get_user(str(deelnemer.pk)).pk == deelnemer.pk


def test_issue13_the_query_is_built_once_and_run_with_each_value(deelnemer, beheerder):
    built = []

    def build(pk):
        built.append(pk)
        return User.objects.filter(pk=pk)

    query = CompiledQuery(build, placeholders=(-2_000_000_009,))
    assert [user.username for user in query.fetch(deelnemer.pk)] == [deelnemer.username]
    assert [user.username for user in query.fetch(beheerder.pk)] == [beheerder.username]
    assert query.fetch(-1) == []
    assert built == [-2_000_000_009]


def test_issue13_a_placeholder_must_be_one_parameter_of_the_sql(deelnemer):
    query = CompiledQuery(lambda pk: User.objects.filter(pk=7), placeholders=(-2_000_000_009,))
    with pytest.raises(ValueError, match="placeholder"):
        query.fetch(deelnemer.pk)


def test_p5_s4_a_function_taken_between_two_requests_counts_from_the_next(politie, region):
    """The compiled user query reads the rights anew on every request (ADR 0018)."""
    user = make_user(politie, Function.UITVOERDER, username="uitvoerder-c", files=[region])
    client = verified_client(user)
    menu = reverse("parties:file-access-users")
    assert menu.encode() in client.get("/").content
    services.change_functions(
        user.membership, functions=[Function.DEELNEMER], by=None, reason="test"
    )
    assert menu.encode() not in client.get("/").content


def test_s4_an_expired_session_signs_no_one_in(deelnemer):
    client = verified_client(deelnemer)
    assert client.get("/").status_code == 200
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/")
    assert response.status_code == 302 and reverse("two_factor:login") in response["Location"]


def test_s4_the_second_factor_counts_only_for_its_own_user_and_when_confirmed(deelnemer, beheerder):
    client = verified_client(deelnemer)
    assert client.get("/").status_code == 200
    own = TOTPDevice.objects.get(user=deelnemer)
    others = TOTPDevice.objects.get(user=beheerder)
    for persistent_id in (others.persistent_id, "otp_totp.totpdevice/x", "nonsense"):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = persistent_id
        session.save()
        response = client.get("/")
        assert response.status_code == 302, persistent_id  # not verified: signed out
        client = verified_client(deelnemer)
    TOTPDevice.objects.filter(pk=own.pk).update(confirmed=False)
    response = client.get("/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session or DEVICE_ID_SESSION_KEY not in client.session


def _runs_of_the_prepared_rights_query() -> int:
    """How often the connection ran a prepared statement of the rights query (its custom and
    generic plans counted by PostgreSQL), 0 when none is prepared."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ["%rights_declared%"],
        )
        return cursor.fetchone()[0]


def test_issue13_the_rights_query_is_a_prepared_statement_of_the_connection(deelnemer, beheerder):
    """ADR 0035: planned once per connection, not on every request; the same user comes back."""
    before = _runs_of_the_prepared_rights_query()
    assert MemberBackend().get_user(deelnemer.pk).username == deelnemer.username
    assert MemberBackend().get_user(beheerder.pk).username == beheerder.username
    assert _runs_of_the_prepared_rights_query() == before + 2


def test_issue13_without_prepared_statements_the_rights_query_is_planned_each_time(deelnemer):
    """`DATABASE_PREPARED_STATEMENTS=false` (psycopg's `prepare_threshold` None, as behind an
    old PgBouncer), and while queries are logged (their SQL is kept): not prepared, same user."""
    connection.ensure_connection()
    raw = connection.connection
    before = _runs_of_the_prepared_rights_query()
    threshold, raw.prepare_threshold = raw.prepare_threshold, None
    try:
        assert MemberBackend().get_user(deelnemer.pk).username == deelnemer.username
    finally:
        raw.prepare_threshold = threshold
    with CaptureQueriesContext(connection) as logged:
        assert MemberBackend().get_user(deelnemer.pk).username == deelnemer.username
    assert "rights_declared" in logged.captured_queries[0]["sql"]
    assert _runs_of_the_prepared_rights_query() == before


def test_issue13_prepared_statements_are_a_setting_on_by_default(tmp_path):
    """On for PostgreSQL unless set off (psycopg's `prepare_threshold`); Django's default (None,
    nothing prepared) when off."""
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold')))"
    )
    found = {}
    for value in ("", "false"):
        setting = {"DATABASE_PREPARED_STATEMENTS": value} if value else {}
        printed = run_clean(
            tmp_path, script, DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused", **setting
        )
        found[value] = json.loads(printed)
    assert found == {"": 5, "false": None}
