"""P8, C4, issue 13: the list of case meetings reads the meetings a user sees from their own
side (`cases.selectors.meetings_for`): the meetings of the casusoverleggen they chair or keep,
and those with an agenda item of a case they may see, started from their case permissions.
Whoever sees few meetings among many gets exactly theirs, in the list's order, on the page and
in the API, with the number of their cases on each (ADR 0011). The meetings seen through one's
cases are read from which groups see each meeting (`cases.sight`, ADR 0039), and stay what the
plain rule says when a party stops taking part, a discussion is erased or a case destroyed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import meeting_services, selectors, services, sight
from cases.models import Case, CaseMeeting, CaseMeetingSight, Discussion
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.test_meetings import Overleg, casusoverleg
from tests.conftest import verified_client
from tests.factories import authorise, kennemerland
from tests.module_world import per_module

pytestmark = pytest.mark.django_db


def _world():
    """Twelve meetings around today; the politie takes part in two of the fourteen cases, on
    three meetings. A meeting of another casusoverleg, which the keeper keeps too and its chair
    does not chair, and a meeting without an agenda, which nobody sees."""
    region = kennemerland()
    ov = Overleg(region)
    today = timezone.localdate()
    theirs = [ov.open_case(participants=[ov.politie, ov.gemeente]) for _ in range(2)]
    others = [ov.open_case(participants=[ov.gemeente, ov.reclassering]) for _ in range(12)]
    ov.meetings = []
    for n in range(12):
        cases = [others[n]]
        if n in (1, 6):
            cases.append(theirs[0])
        if n == 9:
            cases.append(theirs[1])
        held_on = today + timedelta(days=(n - 6) * 7 + (3 if n % 2 else 0))
        ov.meetings.append(ov.hold(*cases, held_on=held_on, attendees=[ov.gemeente]))
    elsewhere = casusoverleg(region, "ICO elders")
    elsewhere.participants.set([ov.gemeente])
    elsewhere.chairs.set([ov.other_chair])
    authorise(ov.keeper, elsewhere)
    authorise(ov.other_chair, elsewhere)
    case = ov.open_case(casusoverleg=elsewhere, participants=[ov.gemeente])
    ov.meetings.append(
        meeting_services.hold_meeting(
            casusoverleg=elsewhere,
            held_on=today + timedelta(days=2),
            chair=ov.other_chair,
            attendees=[ov.gemeente],
            cases=[case],
            by=ov.keeper,
        )
    )
    CaseMeeting.objects.create(casusoverleg=ov.overleg, held_on=today, chair=ov.chair)
    return ov


world_built, world = per_module(_world, name="world")


def _plainly_seen(user) -> list[tuple[int, int]]:
    """The meetings `user` sees and the cases shown on each, by the plain rule (ADR 0011), in
    the list's default order (coming first, the nearest first; then the past, the latest
    first): every agenda item checked in Python against the casusoverleggen they chair or keep
    and the cases they may see."""
    today = timezone.localdate()
    cared = set(selectors.meeting_overleggen(user).values_list("pk", flat=True))
    cases = set(selectors.visible_cases(user).values_list("pk", flat=True))
    shown: dict[int, int] = {}
    for item in Discussion.objects.select_related("meeting"):
        if item.meeting.casusoverleg_id in cared or item.case_id in cases:
            shown[item.meeting_id] = shown.get(item.meeting_id, 0) + 1
    meetings = CaseMeeting.objects.filter(pk__in=shown)
    ordered = sorted(
        meetings, key=lambda m: (m.held_on < today, abs((m.held_on - today).days), m.pk)
    )
    return [(m.pk, shown[m.pk]) for m in ordered]


def test_p8_issue13_the_meeting_list_shows_exactly_the_meetings_each_user_sees(world):
    ov = world
    expected_counts = {
        ov.agent: 3,  # two cases, on three meetings
        ov.chair: 12,  # chairs the casusoverleg: every meeting with an agenda
        ov.other_chair: 13,  # chairs both
        ov.keeper: 13,  # keeps both
        ov.reclasseerder: 12,
        ov.stranger_chair: 12,  # chairs none; the gemeente takes part in every case here
    }
    for user, count in expected_counts.items():
        expected = _plainly_seen(user)
        assert len(expected) == count, user.username
        response = verified_client(user).get(reverse("cases:meeting-list"))
        assert response.status_code == 200, user.username
        listed = [(m.pk, m.shown_cases) for m in response.context["meetings"]]
        assert listed == expected, user.username
        assert response.context["result_count"] == count
        client = verified_client(user)
        api = client.get("/api/v1/bijeenkomsten").json()
        assert api["count"] == count
        rows = api["results"]
        while api["next"]:  # ten a page (`config.api_input.AgendaPagination`)
            api = client.get(api["next"]).json()
            rows += api["results"]
        assert sorted((row["id"], row["caseCount"]) for row in rows) == sorted(expected)


def test_p8_issue13_a_meeting_one_does_not_see_is_not_found(world):
    ov = world
    hidden = [m for m in ov.meetings if m.pk not in dict(_plainly_seen(ov.agent))]
    assert hidden
    client = verified_client(ov.agent)
    for meeting in hidden[:3]:
        response = client.get(reverse("cases:meeting-detail", args=[meeting.pk]))
        assert response.status_code == 404


# --- ADR 0039: which groups see each meeting, kept as rows, stays what the plain rule says ------


def _sight_is_current() -> bool:
    """What `cases.sight` keeps equals what it works out afresh."""
    kept = set(CaseMeetingSight.objects.values_list("meeting_id", "group_id"))
    sight.refresh_all()
    return kept == set(CaseMeetingSight.objects.values_list("meeting_id", "group_id"))


def _seen(user) -> set[int]:
    return set(selectors.meetings_for(user).values_list("pk", flat=True))


def _plain(user) -> set[int]:
    return {pk for pk, _count in _plainly_seen(user)}


def test_p8_c4_issue13_the_meetings_seen_through_cases_are_kept_as_the_plain_rule_says(world):
    ov = world
    for user in (ov.agent, ov.chair, ov.other_chair, ov.keeper, ov.reclasseerder):
        assert _seen(user) == _plain(user), user.username
    assert _sight_is_current()


def test_p8_c4_issue13_a_party_that_stops_taking_part_no_longer_sees_the_meetings(world):
    ov = world
    assert len(_seen(ov.agent)) == 3
    theirs = Discussion.objects.filter(case__participants__party=ov.politie).first().case
    services.end_participation(theirs, ov.politie, by=ov.keeper)  # its rows go (P8)
    assert _seen(ov.agent) == _plain(ov.agent)
    assert len(_seen(ov.agent)) < 3
    assert _sight_is_current()


def test_p8_c4_b8_issue13_a_destroyed_case_or_an_erased_discussion_no_longer_shows(world):
    ov = world
    first, second = (
        Discussion.objects.filter(case__participants__party=ov.politie)
        .order_by("case")
        .values_list("case", flat=True)
        .distinct()
    )
    on_first = Discussion.objects.filter(case=first).first()
    registry.get("ico").erase(
        DossierRef("ico", on_first.case.number), registry.item_ref(on_first), by=ov.keeper
    )
    assert _seen(ov.agent) == _plain(ov.agent)
    assert on_first.meeting_id not in _seen(ov.agent)
    registry.get("ico").destroy(DossierRef("ico", Case.objects.get(pk=second).number), by=None)
    assert _seen(ov.agent) == _plain(ov.agent)
    assert _sight_is_current()
