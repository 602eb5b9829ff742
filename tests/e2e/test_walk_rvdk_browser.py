"""U1, C3 in a real browser: an RvdK member finds the measures its party owns on the dashboard,
opens one, reports progress in place (htmx) and sees it there without losing its place. axe-core
finds no serious or critical violation on any page on the way; the case page is photographed at
desktop and phone width."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from tests.cases.factories import Ico
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "build/screenshots"
MEASURE = "Gesprek met de jeugdbeschermer over school."


def signed_in(browser, live_server, user):
    """A browser of its own for `user`, signed in (the pages in Dutch, the default)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.goto("/account/login/")
    sign_in(page, user)
    return page


def screenshots(page, name):
    """`name`-desktop.png (1280x900) and `name`-phone.png (390x844), full page."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SCREENSHOTS}/{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SCREENSHOTS}/{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def no_violations(page):
    assert axe_violations(page) == [], page.url


@pytest.fixture
def ico(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Ico(region)


def test_c3_u1_an_rvdk_member_finds_its_measure_due_and_reports_progress(browser, live_server, ico):
    # Given a case with a measure of the RvdK due in three days, and one of the police
    case = ico.open_case()
    today = timezone.localdate()
    mine = services.add_measure(
        case, by=ico.keeper, description=MEASURE, owner=ico.rvdk, deadline=today + timedelta(days=3)
    )
    services.add_measure(
        case,
        by=ico.keeper,
        description="Huisbezoek.",
        owner=ico.politie,
        deadline=today + timedelta(days=2),
    )

    # When the RvdK member opens the dashboard
    page = signed_in(browser, live_server, ico.raad)
    panel = page.get_by_test_id("panel-measures-due")
    # Then its own measure is there, named by the case number, and the police's is not
    assert case.number in panel.inner_text()
    expect(panel.get_by_test_id("due-item")).to_have_count(1)
    no_violations(page)

    # When it opens the measure
    panel.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(f"/plan/#measure-{mine.pk}$"))
    card = page.locator(f"#measure-{mine.pk}")
    assert MEASURE in card.inner_text()
    no_violations(page)

    # And opens its forms in place, the cursor in the progress (issue 13: one at a time)
    card.get_by_test_id("open-measure-form").click()
    field = card.get_by_label("Voortgang", exact=True)
    expect(field).to_be_focused()
    assert page.url.endswith(f"#measure-{mine.pk}")
    no_violations(page)

    # And reports progress in place
    field.fill("Gesprek gevoerd; school werkt mee.")
    card.get_by_label("Status van de maatregel").select_option("in_progress")
    url_before = page.url
    card.get_by_role("button", name="Voortgang vastleggen").click()

    # Then the card shows the progress and the new status, on the same page, without a reload
    card = page.locator(f"#measure-{mine.pk}")
    card.get_by_text("De voortgang is vastgelegd.").wait_for()
    assert (
        "Gesprek gevoerd; school werkt mee." in card.get_by_test_id("progress-notes").inner_text()
    )
    assert card.get_by_test_id("measure-status").inner_text() == "In uitvoering"
    assert page.url == url_before
    no_violations(page)

    # The case page, for the reviewer (the keeper's view, with its actions)
    keeper = signed_in(browser, live_server, ico.keeper)
    keeper.goto(f"/casussen/dossiers/{case.number}/")
    no_violations(keeper)
    screenshots(keeper, "case")
