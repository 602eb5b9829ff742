"""U1, U2: the main menu marks where the user is, also on the pages under an item; breadcrumbs
name the ancestors of every page below the top level; the menu is grouped."""

import re

import pytest
from django.urls import reverse

from parties.navigation import Link
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def nav_of(page: str) -> str:
    start = page.index('aria-label="Hoofdmenu"')
    return page[start : page.index("</nav>", start)]


def crumbs_of(page: str) -> list[str]:
    match = re.search(r'<nav[^>]*aria-label="Kruimelpad".*?</nav>', page, re.S)
    if not match:
        return []
    return [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r"<a[^>]*>.*?</a>", match[0])]


def current_items(page: str) -> list[tuple[str, str]]:
    nav = nav_of(page)
    return re.findall(r'<a[^>]*aria-current="(page|true)"[^>]*>([^<]+)</a>', nav)


def test_u1_the_section_list_is_marked_as_the_page_and_has_no_breadcrumbs(beheerder):
    page = verified_client(beheerder).get(reverse("parties:party-list")).content.decode()
    assert current_items(page) == [("page", "Partijen")]
    assert crumbs_of(page) == []


def test_u1_a_sub_page_marks_its_section_and_names_its_ancestors(beheerder, politie):
    client = verified_client(beheerder)
    detail = client.get(reverse("parties:party-detail", args=[politie.pk])).content.decode()
    assert current_items(detail) == [("true", "Partijen")]
    assert crumbs_of(detail) == ["Overzicht", "Partijen"]
    notice = client.get(reverse("parties:party-notice", args=[politie.pk])).content.decode()
    assert current_items(notice) == [("true", "Partijen")]
    # The view's own crumbs follow the section: the party whose page this form is under.
    assert crumbs_of(notice) == ["Overzicht", "Partijen", politie.name]


def test_u1_the_dashboard_is_marked_and_has_no_breadcrumbs(beheerder):
    page = verified_client(beheerder).get("/").content.decode()
    assert current_items(page) == [("page", "Overzicht")]
    assert crumbs_of(page) == []


def test_u1_the_longest_matching_item_wins():
    """A case page belongs to Casussen ("cases:"), a meeting page to Overleggen
    ("cases:meeting-"); an item's own page matches best of all."""
    casussen = Link("Casussen", "cases:case-list", lambda u: True, pages=("cases:",))
    meetings = Link("Overleggen", "cases:meeting-list", lambda u: True, pages=("cases:meeting-",))
    assert casussen.matches("cases:case-detail") > meetings.matches("cases:case-detail") == 0
    assert meetings.matches("cases:meeting-detail") > casussen.matches("cases:meeting-detail")
    assert casussen.matches("cases:case-list") > casussen.matches("cases:case-detail")
    assert casussen.matches("weegploeg:assessment-list") == 0


def test_u2_the_menu_groups_work_oversight_and_beheer(beheerder):
    page = verified_client(beheerder).get("/").content.decode()
    nav = nav_of(page)
    assert "Toezicht" in nav and "Beheer" in nav
    assert nav.index("Overzicht") < nav.index("Toezicht") < nav.index("Beheer")
    beheer = nav[nav.index("Beheer") :]
    assert beheer.index("Partijen") < beheer.index("Gebruikers") < beheer.index("Referentiekader")
    toezicht = nav[nav.index("Toezicht") : nav.index("Beheer")]
    assert "Autorisatielog" in toezicht


def test_u2_a_deelnemer_sees_no_beheer_group(deelnemer):
    page = verified_client(deelnemer).get("/").content.decode()
    nav = nav_of(page)
    assert "Beheer" not in nav and "Toezicht" not in nav


def test_u1_the_footer_keeps_the_incident_link_and_the_language_names_are_their_own(beheerder):
    page = verified_client(beheerder).get("/").content.decode()
    assert 'data-testid="report-incident"' in page
    assert ">English</option>" in page and ">Nederlands</option>" in page
    assert "Engels" not in page
