"""S2, CTER 15.1e: the FG's access log. Each filter narrows to what it names; one dossier's
trail is in time order; the FG and the uitvoerder of the Veiligheidshuis see it, nobody else
(404); and every search is itself logged."""

import pytest
from django.urls import reverse

from parties.constants import Function
from security.models import AuditEntry, LogSearch
from security.selectors import access_log
from security.selectors.access_log import Filters
from tests.conftest import verified_client
from tests.factories import data_file, make_user
from tests.security.access_log.world import at, change, on, read, ref_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(world):
    """Reads and changes of three dossiers: two of the region's casusoverleg, one elsewhere."""
    a, b = world.case(), world.case()
    elsewhere = world.other_case()
    rows = {
        "agent-a": read(world.agent, a, at(2031, 3, 2)),
        "agent-b-list": read(world.agent, b, at(2031, 3, 3), kind="list"),
        "keeper-a-change": change(world.uitvoerder, a, at(2031, 3, 4)),
        "officier-b": read(world.ico.officier, b, at(2031, 3, 5)),
        "outsider-a": read(world.other.agent, a, at(2031, 3, 6)),
        "outsider-own": read(world.other.agent, elsewhere, at(2031, 3, 6, 11)),
    }
    return {"a": a, "b": b, "elsewhere": elsewhere, "rows": rows}


def found(world, **filters):
    with on(at(2031, 3, 10)):
        return set(
            access_log.search(world.fg, Filters(**filters))
            .filter(timestamp__gte=at(2031, 3, 1))
            .values_list("pk", flat=True)
        )


def pks(log, *names):
    return {log["rows"][name].pk for name in names}


def test_s2_the_overseer_sees_the_regions_actors_and_dossiers_only(world, log):
    everything = pks(log, "agent-a", "agent-b-list", "keeper-a-change", "officier-b", "outsider-a")
    assert found(world) == everything
    # the other region's uitvoerder sees the outsider's reads, of our dossier as of theirs
    with on(at(2031, 3, 10)):
        theirs = set(
            access_log.visible_entries(world.other_uitvoerder)
            .filter(timestamp__gte=at(2031, 3, 1))
            .values_list("pk", flat=True)
        )
    assert theirs == pks(log, "outsider-a", "outsider-own")


def test_s2_each_filter_narrows(world, log):
    assert found(world, user=world.agent) == pks(log, "agent-a", "agent-b-list")
    assert found(world, party=world.ico.om) == pks(log, "officier-b")
    assert found(world, dossier=log["a"].number) == pks(
        log, "agent-a", "keeper-a-change", "outsider-a"
    )
    assert found(world, data_file=data_file(world.ico.overleg)) == pks(
        log, "agent-a", "agent-b-list", "keeper-a-change", "officier-b", "outsider-a"
    )
    # the weegploeg file of the region holds none of these dossiers
    assert found(world, data_file=data_file(world.region)) == set()
    assert found(world, date_from=at(2031, 3, 3).date(), date_to=at(2031, 3, 4).date()) == pks(
        log, "agent-b-list", "keeper-a-change"
    )
    assert found(world, action="read-list") == pks(log, "agent-b-list")
    assert found(world, action="update") == pks(log, "keeper-a-change")
    assert found(world, action="read") == pks(
        log, "agent-a", "agent-b-list", "officier-b", "outsider-a"
    )
    assert found(world, user=world.agent, action="read-detail") == pks(log, "agent-a")


def test_s2_the_page_filters_paginates_and_shows_an_empty_state(world, log):
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        url = reverse("security:access-log")
        page = client.get(url, {"user": world.agent.pk, "date_from": "2031-03-01"})
        assert page.status_code == 200
        html = page.content.decode()
        assert f'data-testid="entry-{log["rows"]["agent-a"].pk}"' in html
        assert f'data-testid="entry-{log["rows"]["officier-b"].pk}"' not in html
        # newest first
        assert html.index(f'entry-{log["rows"]["agent-b-list"].pk}"') < html.index(
            f'entry-{log["rows"]["agent-a"].pk}"'
        )
        empty = client.get(url, {"dossier": "C-0000-99999"})
        assert 'data-testid="empty"' in empty.content.decode()
        wrong = client.get(url, {"date_from": "2031-03-05", "date_to": "2031-03-01"})
        assert "utrecht-form-field--invalid" in wrong.content.decode()
        for minute in range(30):
            read(world.agent, log["a"], at(2031, 3, 7, 10, minute))
        second = client.get(url, {"user": world.agent.pk, "page": 2}).content.decode()
        assert 'rel="prev"' in second


def test_s2_the_trail_of_a_dossier_is_in_time_order(world, log):
    with on(at(2031, 3, 10)):
        response = verified_client(world.fg).get(
            reverse("security:access-log-trail", args=["ico", log["a"].number])
        )
    html = response.content.decode()
    order = [log["rows"][name].pk for name in ("agent-a", "keeper-a-change", "outsider-a")]
    positions = [html.index(f'data-testid="entry-{pk}"') for pk in order]
    assert positions == sorted(positions)
    assert f'entry-{log["rows"]["officier-b"].pk}"' not in html


@pytest.mark.parametrize("who", ["fg", "uitvoerder"])
def test_s2_the_fg_and_the_uitvoerder_may(world, log, who):
    client = verified_client(getattr(world, who))
    assert client.get(reverse("security:access-log")).status_code == 200
    assert client.get(reverse("security:access-reviews")).status_code == 200
    assert (
        client.get(reverse("security:access-log-trail", args=["ico", log["a"].number])).status_code
        == 200
    )


def test_s2_a_deelnemer_a_beheerder_and_another_regions_uitvoerder_may_not(world, log, beheerder):
    urls = [
        reverse("security:access-log"),
        reverse("security:access-reviews"),
        reverse("security:access-log-trail", args=["ico", log["a"].number]),
    ]
    for user in (world.agent, beheerder, make_user(world.ico.politie, Function.VOORZITTER)):
        client = verified_client(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
    # another region's uitvoerder has a log of their own, without this region's entries
    with on(at(2031, 3, 10)):
        other = verified_client(world.other_uitvoerder)
        html = other.get(reverse("security:access-log")).content.decode()
    assert f'entry-{log["rows"]["agent-a"].pk}"' not in html
    assert f'entry-{log["rows"]["outsider-a"].pk}"' in html
    sign_off = reverse("security:access-review-sign-off", args=[world.region.code, "2026-07-01"])
    assert verified_client(world.other_uitvoerder).get(sign_off).status_code == 404


def test_s2_a_search_writes_a_log_search_and_an_audit_entry(world, log):
    client = verified_client(world.fg)
    client.get(
        reverse("security:access-log"),
        {"user": world.agent.pk, "dossier": log["a"].number, "action": "read"},
    )
    search = LogSearch.objects.get()
    assert search.searched_by == world.fg
    assert search.filters == {"user": world.agent.pk, "dossier": log["a"].number, "action": "read"}
    entry = AuditEntry.objects.get_for_object(search).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == world.fg
    # the trail is a search too, and the uitvoerder sees the FG's searches
    client.get(reverse("security:access-log-trail", args=["ico", log["a"].number]))
    assert LogSearch.objects.count() == 2
    html = verified_client(world.uitvoerder).get(reverse("security:access-log")).content.decode()
    assert f'data-testid="search-{search.pk}"' in html
    assert world.agent.get_full_name() in html
    assert ref_of(log["a"]).key in html
