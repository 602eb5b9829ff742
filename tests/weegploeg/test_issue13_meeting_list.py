"""W7, P8, ADR 0011, ADR 0039, issue 13: the weegploeg meetings a user sees are read from which
groups see each meeting (`weegploeg.sight`), worked out ahead. They are exactly the meetings of
the plain rule (the keeper's, and those with an agenda item the user may see), for the keeper,
each kernpartij and who sees nothing, in the page and in the API, and stay so when the agenda or
the assessments' permission rows change: a meeting held, a gemeente that joins later, a dossier
destroyed."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse

from subjects import registry
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user
from tests.weegploeg.factories import Weegploeg, signal
from weegploeg import selectors, services, sight
from weegploeg.models import Meeting, MeetingSight

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


def by_the_plain_rule(user) -> set:
    """The meetings of the Veiligheidshuizen whose file `user` keeps, and those with an agenda
    item they may see (`visible_agenda_items`), without what `weegploeg.sight` keeps."""
    if not selectors.may_use_file(user):
        return set()
    seen = selectors.visible_agenda_items(user).values("meeting")
    kept = selectors.kept_regions(user)
    return set(Meeting.objects.filter(pk__in=seen)) | set(
        Meeting.objects.filter(veiligheidshuis__in=kept)
    )


def sight_is_current() -> bool:
    """What `weegploeg.sight` keeps equals what it works out afresh."""
    kept = set(MeetingSight.objects.values_list("meeting_id", "group_id"))
    sight.refresh_all()
    return kept == set(MeetingSight.objects.values_list("meeting_id", "group_id"))


def shown(user) -> dict[int, int]:
    """Each meeting `user` sees with the number of its agenda items shown to them, as the lists
    annotate it (`selectors.shown_item_count`)."""
    meetings = selectors.meetings_for(user).annotate(shown=selectors.shown_item_count(user))
    return dict(meetings.values_list("pk", "shown"))


def shown_by_the_plain_rule(user) -> dict[int, int]:
    items = selectors.visible_agenda_items(user)
    kept = selectors.kept_regions(user)
    return {
        meeting.pk: meeting.item_count
        if meeting.veiligheidshuis in kept
        else items.filter(meeting=meeting).count()
        for meeting in by_the_plain_rule(user)
    }


def test_w7_p8_issue13_a_listed_meeting_is_one_the_user_sees_and_no_other(world):
    for user, meetings in expected(world).items():
        assert set(selectors.meetings_for(user)) == by_the_plain_rule(user) == meetings, user
        assert shown(user) == shown_by_the_plain_rule(user), user
    assert sight_is_current()


def test_w7_p8_issue13_a_member_of_two_groups_that_see_a_meeting_is_shown_each_item_once(world):
    wp, _elders, m = world
    # Groups that see different items of the meeting: the gemeente Haarlem's and Zandvoort's.
    wp.haarlemmer.groups.add(*wp.zandvoorter.groups.all())
    # Groups that see the same item: the gemeente Zandvoort's and the politie's (which sees
    # the Haarlem dossier too).
    wp.zandvoorter.groups.add(*wp.agent.groups.all())
    for user in (wp.haarlemmer, wp.zandvoorter):
        assert shown(user) == shown_by_the_plain_rule(user), user
        assert shown(user)[m["both"].pk] == 2, user


def test_w7_p8_issue13_a_gemeente_that_joins_later_sees_the_meetings_of_its_dossiers(world):
    wp, _elders, m = world
    velsen_person = {"surname": "Jansen", "municipality": "Velsen", "municipality_code": "0453"}
    velsen_dossier = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person=velsen_person
    ).assessment
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 6),
        present=[wp.politie],
        assessments=[velsen_dossier],
    )
    velsen = PartyFactory(
        gemeente=True,
        name="Gemeente Velsen",
        municipality_code="0453",
        veiligheidshuizen=[wp.region],
    )
    member = make_user(velsen, files=[wp.region])
    assert set(selectors.meetings_for(member)) == set()
    services.resync_permissions()  # the permission rows of its dossier now name its group
    assert set(selectors.meetings_for(member)) == by_the_plain_rule(member) == {meeting}
    assert sight_is_current()


def test_w7_p8_b8_issue13_a_destroyed_dossier_no_longer_shows_its_meetings(world):
    wp, _elders, m = world
    zandvoort = m["zandvoort"].assessments.get()
    services.destroy(zandvoort, by=None)
    # The meeting with only that dossier on it: the keeper's still, no one else's.
    assert set(selectors.meetings_for(wp.agent)) == by_the_plain_rule(wp.agent) == {m["both"]}
    assert set(selectors.meetings_for(wp.zandvoorter)) == by_the_plain_rule(wp.zandvoorter)
    assert set(selectors.meetings_for(wp.zandvoorter)) == set()
    assert m["zandvoort"] in set(selectors.meetings_for(wp.uitvoerder))
    assert sight_is_current()


def test_w7_p8_r1_issue13_an_agenda_item_erased_no_longer_shows_its_meeting(world):
    wp, _elders, m = world
    item = m["zandvoort"].items.get()
    ref = DossierRef("weegploeg", item.assessment.number)
    registry.get("weegploeg").erase(ref, registry.item_ref(item), by=wp.uitvoerder)
    # The politie still sees the dossier, but no longer on that meeting's agenda.
    assert set(selectors.meetings_for(wp.agent)) == by_the_plain_rule(wp.agent) == {m["both"]}
    assert sight_is_current()


def test_w7_p8_issue13_the_page_and_the_api_list_exactly_those(world):
    for user, meetings in expected(world).items():
        client = verified_client(user)
        page = client.get(reverse("weegploeg:meeting-list"))
        if not meetings and page.status_code == 404:
            continue  # who may not use the weegploeg does not learn it exists (P7)
        assert {m.pk for m in page.context["meetings"]} == {m.pk for m in meetings}
        api = client.get("/api/v1/overleggen").json()
        assert {row["id"] for row in api["results"]} == {m.pk for m in meetings}


@pytest.mark.django_db(transaction=True)
def test_issue13_two_refreshes_of_a_meeting_at_once_both_succeed(world):
    """ADR 0039: a refresh locks the meetings' rows, so a second one waits for the first to
    commit and then replaces its rows, rather than insert beside them and fail."""
    _wp, _elders, m = world
    meeting = m["both"]
    first_done, errors = threading.Event(), []

    def second():
        try:
            first_done.wait()
            with transaction.atomic():
                sight.refresh([meeting])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=second)
    with transaction.atomic():
        sight.refresh([meeting])
        thread.start()
        first_done.set()
        waited = 0
        while not _waiting_on_a_lock() and waited < 500:  # until the second waits on ours
            threading.Event().wait(0.01)
            waited += 1
    thread.join()
    assert errors == []
    assert sight_is_current()


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
