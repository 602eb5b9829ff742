"""P8, issue 13: the case list's casusoverleg filter and every query that starts from the user's
permission rows (`visible_cases(user, from_rows=True)`, `seen_case_q`): the same cases as the
plain permission filter, for the one who may and the one who may not, in a world where a user
sees few cases among many."""

import pytest
from django.urls import reverse

from cases import selectors
from cases.models import Case, Discussion
from cases.permissions import seen_case_q
from parties import rights
from parties.models import User
from tests.cases.test_meetings import Overleg, casusoverleg
from tests.conftest import verified_client
from tests.factories import authorise, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region):
    """Two casusoverleggen; the politie takes part in two of the twelve cases of the first and
    in none of the second, where only the gemeente takes part."""
    ov = Overleg(region)
    ov.theirs = [ov.open_case(participants=[ov.politie, ov.gemeente]) for _ in range(2)]
    for _ in range(10):
        ov.open_case(participants=[ov.gemeente, ov.reclassering])
    ov.second = casusoverleg(region, "ICO tweede")
    ov.second.participants.set([ov.gemeente, ov.politie])
    for user in (ov.keeper, ov.agent):
        authorise(user, ov.second)
    for _ in range(3):
        ov.open_case(casusoverleg=ov.second, participants=[ov.gemeente])
    ov.hold(*ov.theirs[:1], *Case.objects.filter(casusoverleg=ov.overleg)[:4])
    ov.partner_user = make_user(ov.partner, username="partner-user")
    return ov


def _users(ov):
    return [ov.keeper, ov.chair, ov.agent, ov.reclasseerder, ov.stranger_chair, ov.partner_user]


def _same_cases(user) -> None:
    plain = set(selectors.visible_cases(user).values_list("pk", flat=True))
    from_rows = selectors.visible_cases(user, from_rows=True)
    assert set(from_rows.values_list("pk", flat=True)) == plain, user.username
    items = Discussion.objects.filter(seen_case_q(user, "case", from_rows=True))
    expected = Discussion.objects.filter(case__in=plain)
    assert sorted(d.pk for d in items) == sorted(d.pk for d in expected), user.username


def test_p8_issue13_starting_from_the_permission_rows_reads_the_same_cases(world):
    """Outside a request (the groups a subquery) and in one (the groups written in)."""
    ov = world
    for user in _users(ov):
        _same_cases(user)
        with rights.request_scope():
            reader = User.objects.get(pk=user.pk)
            rights.adopt(reader)
            _same_cases(reader)
    agent_sees = set(selectors.visible_cases(ov.agent).values_list("pk", flat=True))
    assert agent_sees == {case.pk for case in ov.theirs}
    assert not selectors.visible_cases(ov.partner_user).exists()


def test_p8_issue13_the_case_list_offers_the_casusoverleggen_of_the_cases_one_sees(world):
    ov = world
    for user, expected in (
        (ov.agent, {ov.overleg.pk}),  # authorised for both, sees cases of one
        (ov.keeper, {ov.overleg.pk, ov.second.pk}),
        (ov.reclasseerder, {ov.overleg.pk}),
    ):
        plain = {case.casusoverleg_id for case in selectors.visible_cases(user)}
        assert plain == expected, user.username
        assert set(selectors.visible_overleggen(user).values_list("pk", flat=True)) == plain
        response = verified_client(user).get(reverse("cases:case-list"))
        assert response.status_code == 200
        assert {o.pk for o in response.context["overleggen"]} == plain, user.username
        listed = {case.pk for case in response.context["cases"]}
        assert listed == set(
            selectors.visible_cases(user).exclude(status="archived").values_list("pk", flat=True)
        )


def test_p8_issue13_a_casusoverleg_leaves_the_filter_with_the_authorisation_for_its_file(world):
    """The filter asks only the casusoverleggen whose file the user is authorised for, each for
    a case the user sees: the keeper sees cases of both; revoked for the second, only the first
    is offered, as only its cases are listed."""
    from parties.services.files import revoke_file_access

    ov = world
    authorisation = ov.keeper.file_authorisations.get(
        file__kind="ico", file__key=str(ov.second.pk), ended_at__isnull=True
    )
    revoke_file_access(authorisation, by=None, reason="test")
    keeper = User.objects.get(pk=ov.keeper.pk)
    assert {case.casusoverleg_id for case in selectors.visible_cases(keeper)} == {ov.overleg.pk}
    assert list(selectors.visible_overleggen(keeper).values_list("pk", flat=True)) == [
        ov.overleg.pk
    ]
    response = verified_client(keeper).get(reverse("cases:case-list"))
    assert [o.pk for o in response.context["overleggen"]] == [ov.overleg.pk]
