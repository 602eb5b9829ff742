"""K1 in a real browser: the uitvoerder of Kennemerland enters a person at intake who has a
dossier at the Veiligheidshuis Noord-Holland Noord, presses "Bekend elders?" and reads where the
person is known and whom to call; the person's name never appears in a URL. axe-core finds no
serious or critical violation on the intake and on the answer."""

import pytest
from playwright.sync_api import expect

from elsewhere import services
from elsewhere.models import Check
from parties.services import weegploeg_file
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.e2e.test_walk_politie_browser import screenshots
from tests.factories import VeiligheidshuisFactory
from tests.weegploeg.factories import PERSON, Weegploeg, beheerder_of, signal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worlds(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    here = Weegploeg(region)
    there = Weegploeg(
        VeiligheidshuisFactory(
            code="noord-holland-noord", name="Veiligheidshuis Noord-Holland Noord"
        )
    )
    signal(by=there.uitvoerder, brought_by=there.politie, region=there.region)
    beheerder = beheerder_of(here.haarlem)
    beheerder.is_verified = lambda: True  # signed in with both factors
    for wp in (here, there):
        services.record_basis(
            weegploeg_file(wp.region),
            basis="Het CTER-convenant staat de controle toe.",
            reference="Artikel 8.4",
            by=beheerder,
        )
    return here, there


def test_k1_the_uitvoerder_asks_at_intake_whether_the_person_is_known_elsewhere(page, worlds):
    here, there = worlds

    # Given the uitvoerder of Kennemerland, signed in
    page.goto("/account/login/")
    sign_in(page, here.uitvoerder)

    # When the uitvoerder types the person at intake and presses "Bekend elders?"
    page.goto("/weegploeg/signalen/nieuw/")
    page.get_by_label("Voornamen", exact=True).fill(PERSON["given_names"])
    page.get_by_label("Achternaam", exact=True).fill(PERSON["surname"])
    page.get_by_label("Geboortedatum", exact=True).fill(PERSON["date_of_birth"].isoformat())
    assert axe_violations(page) == []
    screenshots(page, "known-elsewhere-intake")
    page.get_by_role("button", name="Bekend elders?").click()

    # Then the answer names the other Veiligheidshuis, its weegploeg, and whom to call
    expect(page.locator("h1")).to_have_text("Bekend elders?")
    answer = page.get_by_test_id("answer")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Veiligheidshuis Noord-Holland Noord")
    expect(answer).to_contain_text("Weegploeg")
    expect(answer).to_contain_text("actief")
    expect(answer.get_by_test_id("match")).to_have_text("bekend")
    expect(answer).to_contain_text(there.uitvoerder.email)
    # And nothing of the person in the URL or on the page, nor the dossier's number
    assert PERSON["surname"] not in page.url and PERSON["given_names"] not in page.url
    body = page.locator("main").inner_text()
    assert PERSON["surname"] not in body
    assert there.region.assessments.get().number not in body
    assert Check.objects.get().asked_by == here.uitvoerder
    assert axe_violations(page) == []
    screenshots(page, "known-elsewhere-answer")

    # And the check is in the uitvoerder's own list
    page.get_by_role("link", name="Mijn controles").click()
    expect(page.get_by_test_id("checks")).to_contain_text("bekend in 1 dossier")
