"""U1, C3 in a real browser, ADR 0022: the dashboard of a browser that runs JavaScript comes
without its panels' content, and htmx loads each panel as a request of its own in its
placeholder's place; the panels, their order and their items are those of the dashboard
rendered at once for a browser without JavaScript. Without JavaScript, but with the scripting
cookie of an earlier visit, each placeholder's link opens its panel as a page of its own."""

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

MEASURE = "Gesprek met de jeugdbeschermer over school."
PANELS = '[data-testid="panels"] > section'


@pytest.fixture
def ico(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    return Ico(region)


def signed_in(browser, live_server, user, *, javascript):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", bypass_csp=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto("/account/login/")
    sign_in(page, user)
    expect(page.locator("h1")).to_have_text("Overzicht")
    return page


def panel_keys(page) -> list[str]:
    return [section.get_attribute("data-testid") for section in page.locator(PANELS).all()]


def test_u1_c3_htmx_loads_each_panel_and_the_dashboard_is_the_one_rendered_at_once(
    browser, live_server, ico
):
    # Given a case with a measure of the RvdK overdue, kept by the uitvoerder
    case = ico.open_case()
    measure = services.add_measure(
        case,
        by=ico.keeper,
        description=MEASURE,
        owner=ico.rvdk,
        deadline=timezone.localdate() - timedelta(days=1),
    )

    # When the uitvoerder opens the dashboard in a browser without JavaScript
    plain = signed_in(browser, live_server, ico.keeper, javascript=False)
    # Then every panel is rendered at once, none left to load
    expect(plain.get_by_test_id("panel-pending")).to_have_count(0)
    at_once = panel_keys(plain)
    assert "panel-measures-due" in at_once and "panel-case-meetings" in at_once
    assert case.number in plain.get_by_test_id("panel-measures-due").inner_text()

    # When it opens the dashboard (the same session) in a browser that runs JavaScript: any
    # page it loads says so with the scripting cookie, so from the next load on
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        bypass_csp=True,
        storage_state=plain.context.storage_state(),
    )
    page = context.new_page()
    page.goto("/")
    assert any(c["name"] == "vh_scripting" for c in page.context.cookies())
    shell = page.reload().text()
    assert 'data-testid="panel-pending"' in shell and case.number not in shell
    # Then htmx fills every placeholder with its panel: the same panels in the same order
    expect(page.get_by_test_id("panel-measures-due")).to_be_visible()
    expect(page.get_by_test_id("panel-pending")).to_have_count(0)
    assert panel_keys(page) == at_once
    due = page.get_by_test_id("panel-measures-due")
    assert case.number in due.inner_text() and MEASURE[:20] in due.inner_text()
    expect(due.get_by_test_id("due-item")).to_have_count(1)
    assert axe_violations(page) == []

    # And the line links straight to the measure
    due.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(f"/plan/#measure-{measure.pk}$"))


def test_u1_without_javascript_the_placeholders_link_opens_the_panel(browser, live_server, ico):
    # Given a measure due, and a browser that ran JavaScript before but runs none now
    case = ico.open_case()
    services.add_measure(
        case,
        by=ico.keeper,
        description=MEASURE,
        owner=ico.rvdk,
        deadline=timezone.localdate() + timedelta(days=2),
    )
    page = signed_in(browser, live_server, ico.keeper, javascript=False)
    page.context.add_cookies([{"name": "vh_scripting", "value": "1", "url": live_server.url}])
    page.goto("/")
    pending = page.locator('[data-testid="panel-pending"][data-panel="measures-due"]')
    expect(pending).to_have_count(1)
    assert case.number not in page.content()

    # When it follows the placeholder's link
    pending.get_by_role("link", name="Toon").click()

    # Then the panel is a page of its own, with the measure
    expect(page).to_have_url(re.compile("/overzicht/measures-due/$"))
    assert case.number in page.get_by_test_id("panel-measures-due").inner_text()
