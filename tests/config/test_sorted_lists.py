"""U1, U4: sortable lists (config.pages.SortedListMixin) and the template helpers of every page
(parties.templatetags.ui), over the party list of the beheerder: sorted by a stated default,
both ways by a column, an unknown column falls back, filters stay set until cleared, pagination
keeps them; dates as dd-mm-jjjj in a <time> that never wraps."""

import datetime
import re
import zoneinfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from parties.constants import PartyKind
from tests.conftest import verified_client
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

LIST = reverse("parties:party-list")


@pytest.fixture
def welzijn(region):
    for number, joined in ((3, 2021), (1, 2023), (2, 2022)):
        PartyFactory(
            kind=PartyKind.WELZIJN,
            name=f"Welzijn {number}",
            joined_on=datetime.date(joined, 1, 1),
            veiligheidshuizen=[region],
        )


def names(response) -> list[str]:
    return re.findall(r">(Welzijn \d+)</a>", response.content.decode())


def test_u1_a_list_has_a_stated_default_order_and_sorts_both_ways(beheerder, welzijn):
    client = verified_client(beheerder)
    default = client.get(LIST, {"kind": PartyKind.WELZIJN})
    assert names(default) == ["Welzijn 1", "Welzijn 2", "Welzijn 3"]
    assert 'aria-sort="ascending"' in default.content.decode()
    joined = client.get(LIST, {"kind": PartyKind.WELZIJN, "sort": "joined"})
    assert names(joined) == ["Welzijn 3", "Welzijn 2", "Welzijn 1"]
    newest = client.get(LIST, {"kind": PartyKind.WELZIJN, "sort": "-joined"})
    assert names(newest) == ["Welzijn 1", "Welzijn 2", "Welzijn 3"]
    assert 'aria-sort="descending"' in newest.content.decode()


def test_u1_an_unknown_sort_key_falls_back_to_the_default(beheerder, welzijn):
    client = verified_client(beheerder)
    for key in ("password", "-name__secret", "'; drop table"):
        response = client.get(LIST, {"kind": PartyKind.WELZIJN, "sort": key})
        assert response.status_code == 200
        assert names(response) == ["Welzijn 1", "Welzijn 2", "Welzijn 3"]


def test_u1_filters_stay_set_until_cleared(beheerder, welzijn, politie):
    client = verified_client(beheerder)
    client.get(LIST, {"kind": PartyKind.WELZIJN, "sort": "-name"})
    back = client.get(LIST)
    assert back.status_code == 302
    assert "kind=welzijn" in back["Location"] and "sort=-name" in back["Location"]
    page = client.get(back["Location"])
    assert names(page) == ["Welzijn 3", "Welzijn 2", "Welzijn 1"]
    assert politie.name not in page.content.decode()
    assert "?filters=reset" in page.content.decode()  # "Clear filters"
    reset = client.get(LIST, {"filters": "reset"})
    assert reset.status_code == 302 and reset["Location"] == LIST
    cleared = client.get(LIST)
    assert cleared.status_code == 200
    assert politie.name in cleared.content.decode()


def test_u1_pagination_keeps_filters_and_order_and_counts_results(beheerder, region):
    for number in range(30):
        PartyFactory(
            kind=PartyKind.WELZIJN, name=f"Welzijn {number:02d}", veiligheidshuizen=[region]
        )
    client = verified_client(beheerder)
    first = client.get(LIST, {"kind": PartyKind.WELZIJN, "sort": "-name"}).content.decode()
    assert "30 resultaten" in first
    next_link = re.search(r'rel="next" href="([^"]+)"', first)[1].replace("&amp;", "&")
    assert "kind=welzijn" in next_link and "sort=-name" in next_link and "page=2" in next_link
    second = client.get(LIST + next_link).content.decode()
    assert "Welzijn 00" in second and "Welzijn 29" not in second


def render(source: str, **context) -> str:
    request = RequestFactory().get("/lijst/", {"kind": "ggz", "page": "3"})
    return Template(source).render(Context({"request": request, **context}))


def test_u4_day_renders_dd_mm_jjjj_in_a_time_that_does_not_wrap():
    shown = render("{{ when|day }}", when=datetime.date(2026, 3, 7))
    assert shown == '<time class="vh-nowrap" datetime="2026-03-07">07-03-2026</time>'
    assert render("{{ when|day }}", when=None) == ""


def test_u4_day_of_an_aware_moment_is_the_local_date(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    late = datetime.datetime(2026, 3, 7, 23, 30, tzinfo=datetime.UTC)  # 8 March in Amsterdam
    assert ">08-03-2026</time>" in render("{{ when|day }}", when=late)
    moment = render("{{ when|moment }}", when=late)
    assert ">08-03-2026 00:30</time>" in moment
    local = late.astimezone(zoneinfo.ZoneInfo("Europe/Amsterdam"))
    assert f'datetime="{local.isoformat(timespec="minutes")}"' in moment


def test_u1_query_with_keeps_the_filters_and_sort_header_resets_the_page():
    assert render("{% query_with page=4 %}") == "?kind=ggz&amp;page=4"
    header = render('{% sort_header "name" "Naam" %}', sort="name")
    assert 'aria-sort="ascending"' in header
    assert "sort=-name" in header and "page=" not in header
