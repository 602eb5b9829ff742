"""Issue 13: a list counts its rows only up to a cap (`config.pages.CappedPaginator`): past it,
the page says "more than" and numbers its pages without a total, pages past the count still
open by offset, the next link is there while rows follow; the API's `count` stops there too. The
count query reads at most cap + 1 rows, without the list's order. Shown with a cap of a few rows
over the beheerder's party list; the real cap is 1,000."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.api_input import PageNumberPagination
from config.pages import COUNT_CAP, CappedPaginator
from parties.constants import PartyKind
from parties.models import Party
from parties.views.parties import PartyListView
from tests.conftest import verified_client
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

LIST = reverse("parties:party-list")


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    monkeypatch.setattr(PartyListView, "paginate_by", 2)


@pytest.fixture
def welzijn(region):
    for number in range(1, 8):  # seven, past the cap of three
        PartyFactory(kind=PartyKind.WELZIJN, name=f"Welzijn {number}", veiligheidshuizen=[region])


def names(html: str) -> list[str]:
    return re.findall(r">(Welzijn \d+)</a>", html)


def test_issue13_the_real_cap_is_a_thousand():
    assert COUNT_CAP == 1000 and CappedPaginator.cap == COUNT_CAP


def test_issue13_a_capped_list_says_more_than_and_pages_on_by_offset(beheerder, welzijn, small_cap):
    client = verified_client(beheerder)
    query = {"kind": PartyKind.WELZIJN, "sort": "name"}
    with CaptureQueriesContext(connection) as queries:
        first = client.get(LIST, query)
    html = first.content.decode()
    assert "Meer dan 3 resultaten" in html
    assert "Pagina 1</span>" in html and "Pagina 1 van" not in html
    assert names(html) == ["Welzijn 1", "Welzijn 2"]
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert counts and "LIMIT 4" in counts[0] and "ORDER BY" not in counts[0]
    fourth = client.get(LIST, {**query, "page": 4}).content.decode()  # past the count of 4
    assert names(fourth) == ["Welzijn 7"]
    assert 'rel="next"' not in fourth and 'rel="prev"' in fourth
    third = client.get(LIST, {**query, "page": 3}).content.decode()
    assert names(third) == ["Welzijn 5", "Welzijn 6"] and 'rel="next"' in third
    assert client.get(LIST, {**query, "page": 5}).status_code == 404


def test_issue13_under_the_cap_the_count_and_the_pages_are_exact(beheerder, region, small_cap):
    PartyFactory(kind=PartyKind.WELZIJN, name="Welzijn 1", veiligheidshuizen=[region])
    PartyFactory(kind=PartyKind.WELZIJN, name="Welzijn 2", veiligheidshuizen=[region])
    html = verified_client(beheerder).get(LIST, {"kind": PartyKind.WELZIJN}).content.decode()
    assert "2 resultaten" in html and "Meer dan" not in html


def test_issue13_the_api_count_stops_at_the_cap_and_next_follows_the_rows(
    deelnemer, welzijn, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    monkeypatch.setattr(PageNumberPagination, "page_size", 4)
    client = verified_client(deelnemer)
    total = Party.objects.count()
    assert total >= 8
    first = client.get("/api/v1/partijen").json()
    assert first["count"] == 4  # more than 3
    seen, answer = [], first
    while True:
        seen += [row["id"] for row in answer["results"]]
        if not answer["next"]:
            break
        answer = client.get(answer["next"]).json()
    assert sorted(seen) == sorted(Party.objects.values_list("pk", flat=True))
    last_page = -(-total // 4)
    assert client.get("/api/v1/partijen", {"page": last_page + 1}).status_code == 404


def test_issue13_a_part_past_the_cap_caps_the_list_without_counting_it(welzijn, small_cap):
    """`part`: some of the list's rows; when they pass the cap the list's own count is not run
    (here it would divide by zero), in the same one query."""
    from django.db.utils import DataError

    failing = Party.objects.extra(where=["1 / (id - id) = 1"])  # noqa: S610 - a fixed test clause
    part = Party.objects.filter(kind=PartyKind.WELZIJN)
    with CaptureQueriesContext(connection) as queries:
        assert CappedPaginator(failing, 2, part=part).count == 4
    assert len(queries) == 1
    with pytest.raises(DataError):  # within the cap, the list's own count runs
        CappedPaginator(failing, 2, part=part.filter(name="Welzijn 1")).count  # noqa: B018
