"""B5, B6, C11 in a real browser: the keeper opens Bewaren from the menu, finds a dossier by
its number, records a hold and ends it after confirming, reactivates an archived dossier on the
controller's instruction, and edits a file's terms: the validation error keeps what was typed.
The pages speak Dutch and work with the keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from retention.models import Hold, Reactivation, RetentionTerms
from tests.e2e.test_signin_browser import sign_in
from tests.retention.page_fixtures import RetentionWorld

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rw(region):
    return RetentionWorld(region)


def open_dossier(page, ref):
    page.get_by_role("link", name="Bewaren", exact=True).click()
    expect(page.locator("h1")).to_have_text("Bewaren")
    page.get_by_label("Bestand", exact=True).select_option(ref.file_label)
    page.get_by_label("Dossiernummer").fill(ref.key)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(f"Bewaren van dossier {ref.key}")


def test_b6_the_keeper_records_a_hold_and_ends_it(page, rw):
    page.goto("/account/login/")
    sign_in(page, rw.keeper)
    # Given the dossier's retention page, found by its number
    open_dossier(page, rw.weegploeg_ref)

    # When the keeper records a hold, with the keyboard
    page.get_by_role("link", name="Dossier langer bewaren").click()
    page.get_by_label("Redenen om het dossier langer te bewaren").focus()
    page.keyboard.type("Lopend strafrechtelijk onderzoek.")
    page.keyboard.press("Tab")
    page.keyboard.type("Besluit van de kernpartijen van 1 december.")
    until = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Bewaard tot").fill(until.isoformat())
    page.get_by_role("button", name="Bewaarbesluit vastleggen").click()

    # Then the dossier is listed as held
    expect_message(page, "Het bewaarbesluit is vastgelegd.")
    expect(page.get_by_test_id("held")).to_be_visible()
    hold = Hold.objects.get()

    # When the keeper ends it, the confirmation is asked first
    page.get_by_role("link", name="Bewaarbesluit beëindigen").click()
    page.get_by_role("button", name="Bewaarbesluit beëindigen").click()
    expect(page.locator(".utrecht-form-field--invalid")).to_have_count(1)
    page.get_by_label("Ik begrijp dat het dossier").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Bewaarbesluit beëindigen").click()

    # Then the hold has ended and the dossier is no longer held
    expect_message(page, "Het bewaarbesluit is beëindigd.")
    expect(page.get_by_test_id("held")).to_have_count(0)
    hold.refresh_from_db()
    assert hold.ended_by == rw.keeper


def test_b5_the_keeper_reactivates_an_archived_dossier(page, rw):
    ref = rw.archive()
    page.goto("/account/login/")
    sign_in(page, rw.keeper)
    open_dossier(page, ref)
    page.get_by_role("link", name="Dossier heractiveren").click()
    page.get_by_label("Opdracht gegeven door").fill("Mr. De Boer, voorzitter kernpartijen")
    page.get_by_label("Reden").fill("Nieuw signaal over dezelfde dreiging.")
    page.get_by_role("button", name="Heractiveren").click()
    expect_message(page, "Het dossier is geheractiveerd.")
    assert Reactivation.objects.get().instructed_by == "Mr. De Boer, voorzitter kernpartijen"
    # the history on the overview
    page.get_by_role("link", name="Terug naar bewaren").click()
    expect(page.get_by_test_id("reactivations")).to_contain_text(ref.key)


def test_c11_a_terms_error_keeps_what_was_typed(page, rw):
    page.goto("/account/login/")
    sign_in(page, rw.keeper)
    page.get_by_role("link", name="Bewaren", exact=True).click()
    page.get_by_role("link", name=f"Termijnen van {rw.ico_file.name} wijzigen").click()
    page.get_by_label("Naar het archief na (maanden)").fill("24")
    page.get_by_label("De archieftermijn loopt vanaf").select_option("laatst-geagendeerd")
    page.get_by_label("Vernietigd na (maanden na de laatste verwerking)").fill("18")
    page.get_by_role("button", name="Termijnen opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    form = page.locator("form.utrecht-form").inner_text()
    assert "moet langer zijn dan de archieftermijn" in form
    assert page.get_by_label("Naar het archief na (maanden)").input_value() == "24"
    assert (
        page.get_by_label("Vernietigd na (maanden na de laatste verwerking)").input_value() == "18"
    )
    page.get_by_label("Vernietigd na (maanden na de laatste verwerking)").fill("72")
    page.get_by_role("button", name="Termijnen opslaan").click()
    expect_message(page, "De bewaartermijnen zijn opgeslagen.")
    assert RetentionTerms.objects.get(data_file=rw.ico_file).destroy_after_months == 72


def expect_message(page, text: str) -> None:
    """The page's message (role status), told apart from the result count, also a status;
    waited for, as the page after a form's submit may still be loading."""
    expect(page.get_by_role("status").filter(has_text=text)).to_have_count(1)
