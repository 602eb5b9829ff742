"""S2, issue 13: the access log counts its entries up to the cap of every list, and for a search
narrowed by no more than the period it counts the entries of the overseen parties' actors first
(`access_log.search_part`, read from an index): when they alone pass the cap, the log says "more
than" without counting every entry against every dossier number of the overseen files. Entries
about the overseen dossiers by other parties' actors still count when those do not. Shown with
a cap of three; the real cap is 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.pages import CappedPaginator
from security.selectors import access_log
from security.selectors.access_log import Filters
from tests.conftest import verified_client
from tests.security.access_log.world import at, on, read

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": at(2031, 3, 1).date(), "date_to": at(2031, 3, 9).date()}


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)


def reads(world, own: int, outsiders: int) -> None:
    """`own` reads by the region's agent and `outsiders` by another region's agent, all of a
    case of the region, within the period."""
    case = world.case()
    for minute in range(own):
        read(world.agent, case, at(2031, 3, 2, 10, minute))
    for minute in range(outsiders):
        read(world.other.agent, case, at(2031, 3, 3, 10, minute))


def counted(world, filters: Filters) -> tuple[int, list[str]]:
    """The log's count of the search, as its page makes it, with the queries it took."""
    with on(at(2031, 3, 10)):
        paginator = CappedPaginator(
            access_log.search(world.fg, filters),
            25,
            part=access_log.search_part(world.fg, filters),
        )
        with CaptureQueriesContext(connection) as queries:
            count = paginator.count
    return count, [query["sql"] for query in queries.captured_queries]


def test_issue13_s2_the_own_parties_entries_alone_cap_the_count_in_one_query(world, small_cap):
    reads(world, own=4, outsiders=0)
    count, queries = counted(world, Filters(**PERIOD))
    assert count == 4  # cap + 1: "more than 3"
    assert len(queries) == 1 and queries[0].startswith("SELECT CASE")


@pytest.mark.parametrize(("own", "outsiders", "expected"), [(2, 2, 4), (1, 1, 2), (0, 3, 3)])
def test_issue13_s2_the_entries_of_other_parties_about_the_overseen_dossiers_still_count(
    world, small_cap, own, outsiders, expected
):
    reads(world, own=own, outsiders=outsiders)
    count, queries = counted(world, Filters(**PERIOD))
    assert count == expected and len(queries) == 1
    assert access_log.search(world.fg, Filters(**PERIOD)).count() == own + outsiders


@pytest.mark.parametrize(("own", "outsiders", "shown"), [(4, 0, "Meer dan 3"), (1, 1, "2 res")])
def test_issue13_s2_the_page_says_more_than_or_the_count(world, small_cap, own, outsiders, shown):
    reads(world, own=own, outsiders=outsiders)
    query = {"date_from": "2031-03-01", "date_to": "2031-03-09"}
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("security:access-log"), query)
    assert shown in html.content.decode()
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and counts[0].startswith("SELECT CASE")


def test_issue13_s2_a_search_narrowed_by_more_than_the_period_is_counted_whole(world):
    """Its own parties' entries could be few among many: counting them first could read all of
    them in vain (a rare action), so the search is counted as it is."""
    assert access_log.search_part(world.fg, Filters()) is not None
    assert access_log.search_part(world.fg, Filters(**PERIOD)) is not None
    for narrowed in (
        {"user": world.agent},
        {"party": world.ico.politie},
        {"action": "delete"},
        {"dossier": "C-2031-00001"},
        {"unusual": True},
    ):
        assert access_log.search_part(world.fg, Filters(**PERIOD, **narrowed)) is None
    assert access_log.search_part(world.agent, Filters()) is None  # oversees nothing


def test_issue13_s2_a_dossier_is_searched_by_its_file_and_number(world):
    """The dossier filter names the files' labels with the number, so that the index (file,
    dossier, time) finds its entries: by the number alone every entry was read (0.6 s at
    national scale). Which entries it finds: `test_s2_log.test_s2_each_filter_narrows`."""
    sql = str(access_log.search(world.fg, Filters(dossier="C-2031-00001")).query)
    assert '"security_auditentry"."file_label" IN (' in sql
    assert "ico" in sql and "weegploeg" in sql
