"""C6, U2, U4 in a real browser: an external partner opens its list of disclosures, whose rows
name the case number, what was disclosed and the date as dd-mm-jjjj, and reads one disclosure.
axe-core finds no serious or critical violation on any page on the way; the partner's list is
photographed at desktop and phone width."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from cases.constants import CasePart
from tests.cases.factories import Ico
from tests.cases.test_pages import disclose
from tests.e2e.test_walk_rvdk_browser import no_violations, screenshots, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ico(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Ico(region)


def test_c6_u2_the_partner_reads_a_disclosure_from_its_list(browser, live_server, ico):
    # Given two cases with the partner taking part, each with a disclosure to it
    ico.declare_partner()
    first = ico.open_case(surname="Eerste")
    second = ico.open_case(surname="Tweede")
    for case in (first, second):
        services.add_participant(case, ico.partner, by=ico.keeper)
    disclose(ico, first, parts=(CasePart.PERSONAL_DETAILS,))
    disclose(ico, second, parts=(CasePart.PERSONAL_DETAILS, CasePart.SIGNALS))
    today = timezone.localdate().strftime("%d-%m-%Y")

    # When the partner opens its disclosures
    page = signed_in(browser, live_server, ico.partner_user)
    no_violations(page)
    page.get_by_role("link", name="Verstrekkingen").first.click()

    # Then each row names the case, what was disclosed and the day
    rows = page.get_by_test_id("disclosure-list").locator("tbody tr")
    # The click starts a navigation: wait for the list (a bare count raced it once).
    expect(rows).to_have_count(2)
    texts = [rows.nth(i).inner_text() for i in range(2)]
    assert any(first.number in t and "Signalen" not in t for t in texts)
    assert any(second.number in t and "Signalen" in t for t in texts)
    assert all(today in t for t in texts)
    assert "2 resultaten" in page.get_by_test_id("result-count").inner_text()
    no_violations(page)
    screenshots(page, "disclosures")

    # When it reads the disclosure of the second case
    row = next(i for i in range(2) if second.number in texts[i])
    link = rows.nth(row).get_by_role("link")
    address = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{address}")
    body = page.locator("main").inner_text()
    assert "Tweede" in body and second.number in body and today in body
    assert "Eerste" not in body
    no_violations(page)
