"""S4 and U4 in a real browser: sign in with the TOTP code, land on the dashboard, switch the
language; axe-core finds no serious or critical violation."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from parties.constants import Function
from tests.conftest import totp_now
from tests.e2e.conftest import axe_violations
from tests.factories import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def uitvoerder(gemeente):
    return make_user(gemeente, Function.UITVOERDER, username="uitvoerder")


def sign_in(page, user, password=TEST_PASSWORD):
    """Name and password, then the code the authenticator app shows now."""
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    code = totp_now(TOTPDevice.objects.get(user=user))
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Aanmelden").click()


def test_s4_u4_sign_in_with_totp_land_on_dashboard_and_switch_language(page, uitvoerder):
    # Given the sign-in page, in Dutch although the browser prefers English
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Aanmelden")
    assert page.locator("html").get_attribute("lang") == "nl"

    # When the uitvoerder gives name, password and the code of the authenticator app
    sign_in(page, uitvoerder)

    # Then the dashboard shows the party and function the uitvoerder acts for
    expect(page.locator("h1")).to_have_text("Overzicht")
    acting = page.get_by_test_id("acting-as").inner_text()
    assert "Gemeente Haarlem" in acting and "Uitvoerder" in acting

    # When the language is switched to English
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()

    # Then the page speaks English
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Overview")


def test_u4_the_sign_in_page_has_no_serious_accessibility_violation(page):
    page.goto("/account/login/")
    assert axe_violations(page) == []


def test_u4_the_dashboard_has_no_serious_accessibility_violation(page, uitvoerder):
    page.goto("/account/login/")
    sign_in(page, uitvoerder)
    expect(page.locator("h1")).to_have_text("Overzicht")
    assert axe_violations(page) == []
