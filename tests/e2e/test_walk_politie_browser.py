"""W1, U1 in a real browser: a politie member enters a signal from the dashboard. The quick action
"Signaal invoeren" opens the form; the gemeente is picked by name with the keyboard (its CBS code
is derived by the server); the signal is recorded and confirmed. axe-core finds no serious or
critical violation on any page visited. Screenshots of the form: build/screenshots/signal-*.png."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.weegploeg.factories import Weegploeg
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def wp(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Weegploeg(region)


def screenshots(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height, kind in ((1280, 900, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{kind}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_w1_u1_a_politie_member_enters_a_signal_from_the_dashboard(page, wp):
    # Given a politie member, signed in, on the dashboard
    page.goto("/account/login/")
    sign_in(page, wp.agent)
    assert axe_violations(page) == []

    # When the member clicks "Signaal invoeren"
    page.get_by_test_id("quick-actions").get_by_role("link", name="Signaal invoeren").click()
    expect(page.locator("h1")).to_have_text("Signaal invoeren")
    assert axe_violations(page) == []
    screenshots(page, "signal")

    # And fills in the subject, picking the gemeente by name with the keyboard
    page.get_by_label("Voornamen", exact=True).fill("Piet")
    page.get_by_label("Achternaam", exact=True).fill("Jansen")
    page.get_by_label("Geboortedatum", exact=True).fill("1990-05-17")
    page.get_by_label("Gemeente", exact=True).focus()
    page.keyboard.type("Zandvoort")
    page.keyboard.press("Tab")
    page.get_by_label("Waargenomen gedrag", exact=True).fill("Deelde filmpjes over geweld.")
    page.get_by_label("Waargenomen op", exact=True).fill("2026-11-01")
    page.locator("#id_reporter_name").fill("Wijkagent de Vries")
    page.locator("#id_reporter_contact").fill("06-12345678")
    page.get_by_role("button", name="Signaal vastleggen").click()

    # Then the signal is confirmed, in a new dossier with the gemeente's CBS code
    assessment = Assessment.objects.get()
    assert (assessment.municipality, assessment.municipality_code) == ("Zandvoort", "0473")
    expect(page.locator("body")).to_contain_text(
        f"Het signaal is vastgelegd in dossier {assessment.number}."
    )
    assert "Jansen" not in page.url
    assert axe_violations(page) == []
