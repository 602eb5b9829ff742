"""U2, S2: the access log as a list: newest first unless a column is asked (time, user, party,
action: never a column about the person in a dossier), each both ways, an unknown sort falls
back, a result count, and the filters stay set until cleared."""

import pytest
from django.urls import reverse

from security.models import AuditEntry
from security.selectors import access_log
from tests.conftest import verified_client
from tests.security.access_log.world import at, change, on, read

pytestmark = pytest.mark.django_db

URL = "/toezicht/toegangslog/"
# the five entries of the fixture's days, not the searches the page itself logs afterwards
PERIOD = {"date_from": "2031-03-01", "date_to": "2031-03-06"}


@pytest.fixture
def log(world):
    a, b = world.case(), world.case()
    rows = {
        "agent-a": read(world.agent, a, at(2031, 3, 2)),
        "agent-b-list": read(world.agent, b, at(2031, 3, 3), kind="list"),
        "keeper-a-change": change(world.uitvoerder, a, at(2031, 3, 4)),
        "officier-b": read(world.ico.officier, b, at(2031, 3, 5)),
        "outsider-a": read(world.other.agent, a, at(2031, 3, 6)),
    }
    return {name: entry.pk for name, entry in rows.items()}


def listed(response) -> list[int]:
    return [entry.pk for entry in response.context["entries"]]


def test_u2_s2_the_url_is_the_access_log():
    assert reverse("security:access-log") == URL


def test_u2_s2_the_log_is_newest_first_with_a_count_and_says_so(world, log):
    with on(at(2031, 3, 10)):
        response = verified_client(world.fg).get(URL, PERIOD)
    newest_first = [log[name] for name in reversed(list(log))]
    assert listed(response) == newest_first
    assert "5 resultaten" in response.text
    assert "Regels, nieuwste eerst" in response.text
    assert 'aria-sort="descending"' in response.text


@pytest.mark.parametrize("key", ["time", "user", "party", "action"])
def test_u2_s2_each_column_sorts_both_ways(world, log, key):
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        ascending = listed(client.get(URL, {**PERIOD, "sort": key}))
        descending = listed(client.get(URL, {**PERIOD, "sort": f"-{key}"}))
    assert sorted(ascending) == sorted(log.values())
    assert descending == ascending[::-1]


def test_u2_s2_the_columns_sort_by_what_they_show(world, log):
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        by_time = listed(client.get(URL, {**PERIOD, "sort": "time"}))
        by_action = listed(client.get(URL, {**PERIOD, "sort": "action"}))
        by_party = client.get(URL, {**PERIOD, "sort": "party"})
    assert by_time == list(log.values())  # oldest first
    assert by_action[0] == log["keeper-a-change"]  # a change before the reads
    names = [entry.actor_party_name for entry in by_party.context["entries"]]
    assert names == sorted(names)


def test_u2_s2_an_unknown_or_personal_sort_falls_back_to_newest_first(world, log):
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        default = listed(client.get(URL, PERIOD))
        for asked in ("object_repr", "-dossier", "subject", ""):
            response = client.get(URL, {**PERIOD, "sort": asked})
            assert response.status_code == 200 and listed(response) == default, asked
    # the rule is the selector's, for any caller
    assert access_log.ordering("object_repr") == access_log.ordering()
    assert set(access_log.SORTS) == {"time", "user", "party", "action"}


def test_u2_s2_the_filters_stay_set_until_cleared(world, log):
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        narrowed = client.get(URL, {**PERIOD, "user": world.agent.pk, "sort": "time"})
        assert listed(narrowed) == [log["agent-a"], log["agent-b-list"]]
        assert "2 resultaten" in narrowed.text and "Filters wissen" in narrowed.text
        # the form keeps the sort when the filters change
        assert '<input type="hidden" name="sort" value="time">' in narrowed.text
        kept = client.get(URL)
        assert kept.status_code == 302 and f"user={world.agent.pk}" in kept.url
        assert listed(client.get(kept.url)) == [log["agent-a"], log["agent-b-list"]]
        # paging does not forget the filters and is itself no filter
        assert "page=" not in client.get(URL).url
        cleared = client.get(URL, {"filters": "reset"})
        assert cleared.status_code == 302 and cleared.url == URL
        everything = client.get(URL)
    assert everything.status_code == 200
    assert everything.context["entries"].paginator.count > 5  # no filter: the searches too
    assert AuditEntry.objects.filter(pk=log["agent-a"]).exists()
