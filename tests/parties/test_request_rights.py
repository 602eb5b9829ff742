"""Issue 13, P5, P8: the rights of the request's user are read once per request
(`parties.rights`), never kept from one request to the next, read again within a request when
they change, and not kept at all outside a request or for another user."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties import rights, services
from parties.constants import FileKind, Function
from parties.models import FileAuthorisation, User
from parties.permissions import (
    functions_of,
    is_beheerder,
    kept_authorisations,
    may_act,
    may_reach,
    membership_of,
)
from tests.conftest import verified_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(politie, region):
    return make_user(politie, username="agent-w", files=[region])


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def ask_everything(user) -> None:
    for _ in range(3):
        functions_of(user)
        membership_of(user)
        may_act(user)
        may_reach(user, FileKind.WEEGPLOEG)
        kept_authorisations(user)
        is_beheerder(user)


def test_issue13_in_a_request_the_rights_are_read_once(agent):
    user = fresh(agent)
    with rights.request_scope():
        rights.adopt(user)
        with CaptureQueriesContext(connection) as queries:
            ask_everything(user)
    # The membership with party, functions and declaration; the file authorisations, in the
    # same query on PostgreSQL (issue 13), in one of their own elsewhere.
    assert len(queries.captured_queries) == (1 if connection.vendor == "postgresql" else 2)


def test_issue13_outside_a_request_every_question_reads_again(agent):
    user = fresh(agent)
    with CaptureQueriesContext(connection) as queries:
        ask_everything(user)
    assert len(queries.captured_queries) > 2
    # And a change is seen at once.
    services.change_functions(
        user.membership, functions=[Function.CASEMANAGER], by=None, reason="test"
    )
    assert functions_of(user) == {Function.CASEMANAGER}


def test_issue13_a_user_not_adopted_is_read_each_time(agent, deelnemer):
    other = fresh(deelnemer)
    with rights.request_scope():
        rights.adopt(fresh(agent))
        with CaptureQueriesContext(connection) as queries:
            functions_of(other)
            functions_of(other)
    assert len(queries.captured_queries) >= 2


def test_issue13_a_change_within_the_request_is_read_again(agent):
    user = fresh(agent)
    with rights.request_scope():
        rights.adopt(user)
        assert may_reach(user, FileKind.WEEGPLOEG)
        assert functions_of(user) == {Function.DEELNEMER}
        authorisation = FileAuthorisation.objects.live().get(user=agent)
        services.revoke_file_access(authorisation, by=None, reason="test")
        services.change_functions(
            fresh(agent).membership, functions=[Function.CASEMANAGER], by=None, reason="test"
        )
        assert not may_reach(user, FileKind.WEEGPLOEG)
        assert functions_of(user) == {Function.CASEMANAGER}


def test_issue13_p8_rights_revoked_between_two_requests_count_from_the_next(agent):
    client = verified_client(agent)
    assessments = reverse("weegploeg:assessment-list")
    assert client.get(assessments).status_code == 200
    authorisation = FileAuthorisation.objects.live().get(user=agent)
    services.revoke_file_access(authorisation, by=None, reason="test")
    assert client.get(assessments).status_code == 404


def test_issue13_p5_a_membership_ended_between_two_requests_counts_from_the_next(agent):
    client = verified_client(agent)
    assert client.get("/").status_code == 200
    services.revoke_membership(fresh(agent).membership, by=None, reason="test")
    assert client.get("/").status_code == 403
