"""P4 and S5 in a real browser. The beheerder, signed in through the real flow, carries out one
authorisation review with the keyboard only: keeps one right, revokes another with a reason,
checks the confirmation and signs off; the database then says exactly that. And U4: the review
list, the review, its confirmation, the suspended accounts (and reinstating), and the policy
evaluation list and form have no serious or critical axe-core violation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parties.constants import Function
from parties.models import FileAuthorisation
from security.models import AuthorisationReview, ReviewItem
from security.services.authorisation_reviews import create_due_reviews
from security.services.policy import record_evaluation
from security.services.suspensions import suspend_dormant_accounts
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.factories import data_file, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agent(politie, region):
    """The one user of the police: deelnemer, authorised for the weegploeg of the region."""
    return make_user(politie, Function.DEELNEMER, username="agent", files=[region])


@pytest.fixture
def review(agent, beheerder, politie):
    create_due_reviews(as_of=timezone.localdate())
    return AuthorisationReview.objects.get(party=politie)


def test_p4_the_beheerder_carries_out_a_review_with_the_keyboard(
    page, review, agent, beheerder, region
):
    weegploeg = data_file(region)
    page.goto("/account/login/")
    sign_in(page, beheerder)

    # Given the review, reached from the menu and the list with the keyboard
    page.get_by_role("link", name="Autorisatiecontroles", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Autorisatiecontroles")
    page.get_by_role("link", name=review.party.name).focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(f"Autorisatiecontrole {review.party.name}")
    section = page.get_by_test_id(f"user-{agent.pk}")
    assert "Functie: Deelnemer" in section.inner_text()

    # When the beheerder keeps the function (Space on the first choice) ...
    section.get_by_role("radio", name="Behouden").first.focus()
    page.keyboard.press("Space")
    # ... tabs past its reason to the file authorisation and revokes it (arrow to the next
    # choice), with a reason ...
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Werkt niet meer in de weegploeg.")
    # ... adds a remark and submits
    page.keyboard.press("Tab")
    page.keyboard.type("Kwartaalcontrole politie.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    # Then the confirmation lists exactly the revocation, and nothing has happened yet
    expect(page.locator("h1")).to_have_text("Controle aftekenen")
    to_revoke = page.get_by_test_id("to-revoke").inner_text()
    assert weegploeg.name in to_revoke and "Werkt niet meer in de weegploeg." in to_revoke
    assert "Deelnemer" not in to_revoke
    assert FileAuthorisation.objects.live().filter(user=agent).exists()

    # When the beheerder signs off
    page.get_by_role("button", name="Aftekenen", exact=True).focus()
    page.keyboard.press("Enter")

    # Then the review is signed off and the file authorisation, only it, is revoked
    expect(page.get_by_role("status")).to_contain_text("De controle is afgetekend")
    expect(page.get_by_test_id("decided")).to_be_visible()
    review.refresh_from_db()
    assert review.signed_off_by == beheerder and review.signed_off_at
    assert review.remarks == "Kwartaalcontrole politie."
    assert not FileAuthorisation.objects.live().filter(user=agent).exists()
    agent.membership.refresh_from_db()
    assert agent.membership.function_codes() == [Function.DEELNEMER]
    items = {item.decision: item for item in ReviewItem.objects.filter(review=review)}
    assert set(items) == {"keep", "revoke"}
    assert items["revoke"].authorisation.file == weegploeg
    assert items["revoke"].reason == "Werkt niet meer in de weegploeg."
    assert items["keep"].authorisation is None and items["keep"].function == Function.DEELNEMER


@pytest.fixture
def dormant(politie):
    user = make_user(politie, Function.DEELNEMER, username="slaper")
    long_ago = timezone.now() - timedelta(days=200)
    type(user).objects.filter(pk=user.pk).update(date_joined=long_ago, last_login=long_ago)
    suspension = suspend_dormant_accounts()[0]
    assert suspension.user == user
    return suspension


def walk(page, paths) -> dict[str, list]:
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    return found


def test_u4_p4_the_review_and_suspension_pages_pass_axe(page, review, agent, beheerder, dormant):
    page.goto("/account/login/")
    sign_in(page, beheerder)
    detail = f"/toezicht/autorisatiereviews/{review.pk}/"
    paths = [
        "/toezicht/autorisatiereviews/",
        detail,
        "/toezicht/geschorste-accounts/",
        f"/toezicht/geschorste-accounts/{dormant.pk}/herstellen/",
    ]
    assert walk(page, paths) == {}
    # The review with an error (revoke without a reason) and the confirmation
    page.goto(detail)
    revoke = page.get_by_role("radio", name="Intrekken").all()
    assert len(revoke) == 3  # the agent's function and file, the suspended account's function
    for radio in revoke:
        radio.check()
    page.get_by_role("button", name="Controleren en aftekenen").click()
    expect(page.locator(".utrecht-form-fieldset--invalid")).to_have_count(3)
    assert axe_violations(page) == []
    for reason in page.get_by_label("Reden van intrekking").all():
        reason.fill("Uit dienst.")
    page.get_by_role("button", name="Controleren en aftekenen").click()
    expect(page.locator("h1")).to_have_text("Controle aftekenen")
    assert axe_violations(page) == []
    # The reinstatement refused without a reason
    page.goto(f"/toezicht/geschorste-accounts/{dormant.pk}/herstellen/")
    page.get_by_role("button", name="Herstellen").click()
    expect(page.locator(".utrecht-form-field--invalid")).to_have_count(1)
    assert axe_violations(page) == []


def test_u4_s5_the_policy_pages_pass_axe(page, region, gemeente):
    fg = make_user(gemeente, Function.FG, username="fg")
    record_evaluation(
        region,
        evaluated_on=timezone.localdate() - timedelta(days=30),
        findings="Beveiligingsplan doorgelopen.",
        measures="Instructie datalekken opnieuw verspreiden.",
        next_on=None,
        by=fg,
    )
    page.goto("/account/login/")
    sign_in(page, fg)
    assert walk(page, ["/toezicht/beleidsevaluaties/", "/toezicht/beleidsevaluaties/nieuw/"]) == {}
    # The form with an error keeps what was typed and still passes
    page.get_by_label("Bevindingen").fill("Plan besproken.")
    future = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Geëvalueerd op").fill(future.isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_label("Bevindingen")).to_have_value("Plan besproken.")
    assert axe_violations(page) == []
    # the suspended accounts and the review list, as the FG sees them
    assert walk(page, ["/toezicht/geschorste-accounts/", "/toezicht/autorisatiereviews/"]) == {}
