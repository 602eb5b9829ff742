"""S3 in a real browser: a deelnemer reports a suspected incident through the link in the
footer, with the keyboard, and sees only its number; the FG finds it on the dashboard, records
the notification to the AP, and the clock stops. The register's pages pass axe-core (U4)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from security.models import Incident
from tests.e2e.conftest import axe_violations, close_quietly
from tests.e2e.test_signin_browser import sign_in
from tests.factories import data_file
from tests.security.incidents import fixtures

pytestmark = pytest.mark.django_db(transaction=True)

world = fixtures.world  # the register's world: Kennemerland, its FG, a deelnemer


@pytest.fixture
def fg_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    yield context.new_page()
    close_quietly(context)


def report_with_the_keyboard(page) -> str:
    page.get_by_test_id("report-incident").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Incident melden")
    page.get_by_label("Wat is er gebeurd?").focus()
    page.keyboard.type("Een agenda is naar een verkeerd adres gemaild.")
    page.get_by_label("Wat kan er geraakt zijn?").focus()
    page.keyboard.type("De agenda van het casusoverleg.")
    page.get_by_role("button", name="Incident melden").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Incident gemeld")
    return page.get_by_test_id("incident-number").inner_text()


def test_s3_report_through_the_footer_and_the_fg_records_the_notification(
    page, fg_page, world, mailoutbox
):
    # Given a deelnemer on any page
    page.goto("/account/login/")
    sign_in(page, world.deelnemer)

    # When they report an incident from the footer, with the keyboard
    number = report_with_the_keyboard(page)

    # Then they see the number and nothing more; the overseers got a mail
    incident = Incident.objects.get()
    assert number == incident.number
    assert "verkeerd adres" not in page.content()
    assert axe_violations(page) == []
    assert len(mailoutbox) == 1

    # When the FG opens it from the dashboard and records the notification
    fg_page.goto("/account/login/")
    sign_in(fg_page, world.fg)
    panel = fg_page.get_by_test_id("panel-incidents")
    expect(panel).to_contain_text(f"{number}: Beoordeel de melding")
    panel.get_by_role("link", name=number).click()
    expect(fg_page.locator("h1")).to_have_text(f"Incident {number}")
    fg_page.get_by_role("link", name="Melding bij de AP vastleggen").click()
    fg_page.get_by_label("Kenmerk van de melding").fill("AP-2026-4711")
    fg_page.get_by_role("button", name="Melding vastleggen").click()

    # Then the clock has stopped
    expect(fg_page.get_by_role("status")).to_contain_text("De melding bij de AP is vastgelegd.")
    expect(fg_page.get_by_test_id("incident-clock")).to_contain_text("Gemeld")
    incident.refresh_from_db()
    assert incident.notification_reference == "AP-2026-4711"


def test_s3_u4_the_register_pages_pass_axe(page, world):
    incident = world.report(discovered_at=timezone.now())
    incident.files.add(data_file(world.region))
    page.goto("/account/login/")
    sign_in(page, world.fg)
    base = f"/toezicht/incidenten/{incident.number}/"
    found = {}
    for path in (
        "/",
        "/toezicht/incidenten/melden/",
        "/toezicht/incidenten/",
        base,
        f"{base}beoordelen/",
        f"{base}melding/",
        f"{base}meldformulier/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
