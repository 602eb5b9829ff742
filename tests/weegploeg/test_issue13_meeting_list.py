"""W7, P8, ADR 0011, issue 13: a list of weegploeg meetings finds the meetings with an item the
user may see once, as ids (`weegploeg.selectors.meetings_for(user, listed=True)`), then counts
and pages them. It holds exactly the meetings of the plain rule, for the keeper, each
kernpartij and who sees nothing, in the page and in the API."""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory
from tests.weegploeg.factories import Weegploeg, signal
from weegploeg import selectors, services

pytestmark = pytest.mark.django_db

ZANDVOORT = {"surname": "Visser", "municipality": "Zandvoort", "municipality_code": "0473"}


@pytest.fixture
def world(region):
    """Two Veiligheidshuizen. Here: a meeting with a Haarlem and a Zandvoort dossier, one with
    a Zandvoort dossier only, one without an agenda. There: a meeting of its own."""
    wp, elders = Weegploeg(region), Weegploeg(VeiligheidshuisFactory(code="elders"))
    haarlem = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
    zandvoort = signal(
        by=wp.agent, brought_by=wp.politie, region=region, person=ZANDVOORT
    ).assessment
    there = signal(by=elders.agent, brought_by=elders.politie, region=elders.region).assessment

    def hold(team, day, *assessments):
        return services.hold_meeting(
            by=team.uitvoerder,
            region=team.region,
            held_on=date(2026, 11, day),
            present=[team.politie],
            assessments=list(assessments),
        )

    meetings = {
        "both": hold(wp, 2, haarlem, zandvoort),
        "zandvoort": hold(wp, 3, zandvoort),
        "empty": hold(wp, 4),
        "there": hold(elders, 5, there),
    }
    return wp, elders, meetings


def expected(world) -> dict:
    wp, elders, m = world
    here = {m["both"], m["zandvoort"], m["empty"]}
    return {
        wp.uitvoerder: here,  # keeps the file here: every meeting, an empty one too
        wp.agent: {m["both"], m["zandvoort"]},
        wp.haarlemmer: {m["both"]},
        wp.zandvoorter: {m["both"], m["zandvoort"]},
        elders.agent: {m["there"]},
        elders.uitvoerder: {m["there"]},
        wp.raad: set(),  # a casuspartij: no weegploeg
    }


def test_w7_p8_issue13_a_listed_meeting_is_one_the_user_sees_and_no_other(world):
    for user, meetings in expected(world).items():
        plain = set(selectors.meetings_for(user))
        listed = set(selectors.meetings_for(user, listed=True))
        assert plain == listed == meetings, user.username


def test_w7_p8_issue13_the_page_and_the_api_list_exactly_those(world):
    for user, meetings in expected(world).items():
        client = verified_client(user)
        page = client.get(reverse("weegploeg:meeting-list"))
        if not meetings and page.status_code == 404:
            continue  # who may not use the weegploeg does not learn it exists (P7)
        assert {m.pk for m in page.context["meetings"]} == {m.pk for m in meetings}
        api = client.get("/api/v1/overleggen").json()
        assert {row["id"] for row in api["results"]} == {m.pk for m in meetings}
