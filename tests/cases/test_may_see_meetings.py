"""C4, P8, issue 13: whether the meeting pages are there for a user (the menu's "Meetings",
`cases.selectors.may_see_meetings`): one query at most, reading the meetings seen through a
case as the list does (`cases.sight`, ADR 0039), and the same answer as "a casusoverleg they
chair or keep, or a meeting they see"."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import meeting_services
from cases import services as case_services
from cases.constants import IdentityMethod
from cases.selectors import may_see_meetings, meeting_overleggen, meetings_for
from parties import rights
from parties.constants import Function
from parties.models import User
from parties.permissions import authorisations_of, may_act
from tests.cases.factories import PERSON as CASE_PERSON
from tests.cases.transfer_fixtures import Agendering
from tests.factories import VeiligheidshuisFactory, make_user, record_declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def ag():
    """An ICO with a case of the politie and the Raad on a meeting; the gemeente Zandvoort is
    authorised for the ICO but takes part in no case."""
    ag = Agendering(VeiligheidshuisFactory(code="kennemerland", name="VH Kennemerland"))
    wp = ag.wp
    ag.chair = make_user(wp.haarlem, Function.VOORZITTER, username="voorzitter", files=[ag.overleg])
    ag.overleg.chairs.set([ag.chair])
    record_declaration(wp.extern, by=ag.keeper)
    ag.case = case_services.open_case(
        casusoverleg=ag.overleg,
        person=CASE_PERSON,
        identity_method=IdentityMethod.BRP,
        identity_note="BRP-bevraging door de gemeente",
        by=ag.keeper,
        participants=[wp.politie, wp.rvdk],
    )
    return ag


def _hold_meeting(ag):
    meeting_services.hold_meeting(
        casusoverleg=ag.overleg,
        held_on=date.today() + timedelta(days=1),
        chair=ag.chair,
        attendees=[ag.wp.politie, ag.wp.rvdk],
        cases=[ag.case],
        by=ag.keeper,
    )


def _asked_in_a_request(user) -> tuple[bool, int]:
    """The answer and its queries, as the menu asks it: in a request whose rights were read."""
    user = User.objects.get(pk=user.pk)
    with rights.request_scope():
        rights.adopt(user)
        may_act(user), authorisations_of(user)
        with CaptureQueriesContext(connection) as queries:
            answer = may_see_meetings(user)
    return answer, len(queries.captured_queries)


def _as_before(user) -> bool:
    """The rule as it read before issue 13: a casusoverleg chaired or kept, or a meeting seen."""
    return meeting_overleggen(user).exists() or meetings_for(user).exists()


def test_c4_p8_a_party_that_sees_a_case_on_a_meeting_sees_the_meetings_in_one_query(ag):
    _hold_meeting(ag)
    answer, queries = _asked_in_a_request(ag.wp.raad)
    assert answer is True
    assert queries <= 1


def test_c4_p8_a_party_that_sees_no_case_on_a_meeting_sees_no_meetings_in_one_query(ag):
    # The Raad sees the case, but it is on no meeting yet; Zandvoort sees no case at all.
    for user in (ag.wp.raad, ag.wp.zandvoorter):
        answer, queries = _asked_in_a_request(user)
        assert answer is False
        assert queries <= 1
    _hold_meeting(ag)
    assert _asked_in_a_request(ag.wp.zandvoorter) == (False, 1)


def test_c6_p8_an_external_partner_sees_no_meetings_without_a_query(ag):
    """C6: a partner takes part in the case and is on its meeting, yet has no case permission
    and no authorisation for the file."""
    case_services.add_participant(ag.case, ag.wp.extern, by=ag.keeper)
    _hold_meeting(ag)
    assert _asked_in_a_request(ag.wp.partner) == (False, 0)


@pytest.mark.parametrize("meeting", [False, True])
def test_c4_p8_the_answer_is_the_rule_as_before_for_every_user(ag, meeting):
    if meeting:
        _hold_meeting(ag)
    wp = ag.wp
    for user in (
        ag.keeper,
        ag.chair,
        wp.agent,
        wp.officier,
        wp.haarlemmer,
        wp.zandvoorter,
        wp.raad,
        wp.partner,
    ):
        assert may_see_meetings(user) == _as_before(user), user.username
