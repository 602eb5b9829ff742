"""R1-R4, I1-I2 and U3 in a real browser, over the demo data: the uitvoerder, signed in with
password and code, records a request with the keyboard, is refused the search before the
identity is recorded, records it, finds and confirms a dossier and makes the access overview as
a PDF; and postpones a duty to inform on a ground, then records the person as informed. A
partner sees no rights menu and gets 404 on a request. The pages speak Dutch."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import CaseStatus
from cases.models import Case
from parties import demo
from parties.models import User
from rights.constants import DutyState, LetterKind, RequestState
from rights.models import DutyToInform, LegalGround, SubjectRequest
from tests.demo_snapshot import seed_demo
from tests.e2e.test_signin_browser import sign_in
from tests.rights.pdf_text import pdf_text
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)

RIGHTS_MENU = ["Verzoeken van betrokkenen", "Informatieplichten", "Brieven per bestand"]


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_demo()  # the grounds and the demo (tests/demo_snapshot.py)


def signed_in(page, username):
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username=username), demo.DEMO_PASSWORD)
    expect(page.locator("h1")).to_have_text("Overzicht")


def person_in_both_files() -> Case:
    """A Kennemerland person in the weegploeg and the ICO whom no demo request is about."""
    asked = set(SubjectRequest.objects.values_list("surname", "date_of_birth"))
    cases = Case.objects.filter(
        casusoverleg__veiligheidshuis__code="kennemerland",
        casusoverleg__name__startswith="ICO CTER",
        status=CaseStatus.ACTIVE,
    ).order_by("number")
    return next(case for case in cases if (case.surname, case.date_of_birth) not in asked)


def test_r1_r2_r3_r4_u3_the_uitvoerder_takes_a_request_from_intake_to_the_overview_pdf(
    page, seeded
):
    person = person_in_both_files()
    assessment = Assessment.objects.get(
        surname=person.surname, given_names=person.given_names, date_of_birth=person.date_of_birth
    )
    signed_in(page, "uitvoerder")

    # Given the menu link to the requests, the uitvoerder opens the intake form
    page.get_by_role("link", name="Verzoeken van betrokkenen", exact=True).click()
    expect(page.locator("h1")).to_have_text("Verzoeken van betrokkenen")
    page.get_by_role("link", name="Nieuw verzoek").click()
    expect(page.locator("h1")).to_have_text("Nieuw verzoek van een betrokkene")

    # When the intake is filled in with the keyboard only: Space ticks, typing fills, Tab moves
    page.get_by_label("Inzage", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Achternaam").focus()
    page.keyboard.type(person.surname)
    page.get_by_label("Voornamen").focus()
    page.keyboard.type(person.given_names)
    page.get_by_label("Geboortedatum").fill(person.date_of_birth.isoformat())
    page.get_by_label("Adres voor het antwoord").focus()
    page.keyboard.type("Postbus 1\n2000 AA Haarlem")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Verzoek vastleggen"
    page.keyboard.press("Enter")

    # Then the request is recorded, and the identity is the next step
    page.wait_for_url(re.compile(r"/rechten/verzoeken/VZ-\d{4}-\d{4}/$"))
    subject_request = SubjectRequest.objects.get(surname=person.surname, state="received")
    number = subject_request.number
    expect(page.locator("body")).to_contain_text(f"Verzoek {number} is vastgelegd")
    assert (
        "Volgende stap: leg vast hoe de identiteit" in page.get_by_test_id("next-step").inner_text()
    )
    expect(page.locator("body")).to_contain_text(
        "De identiteit van de verzoeker is nog niet vastgesteld."
    )

    # When the search is asked for before the identity is recorded, it is refused (R2)
    page.goto(f"/rechten/verzoeken/{number}/zoeken/")
    page.wait_for_url(f"**/rechten/verzoeken/{number}/")
    expect(page.locator("body")).to_contain_text(
        "Leg eerst vast hoe de identiteit van de verzoeker is vastgesteld."
    )
    assert "Gevonden dossiers" not in page.content()

    # When the identity is recorded as seen at the desk
    page.get_by_role("link", name="Identiteit vaststellen").click()
    page.get_by_label("Identiteit vastgesteld door").select_option("id_at_desk")
    page.get_by_label("Toelichting").fill("Paspoort getoond aan de balie.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("De identiteit is vastgelegd.")
    assert "Identiteitsbewijs gezien aan de balie" in page.get_by_test_id("identity").inner_text()

    # Then the search finds the person's dossiers in both files; the uitvoerder confirms one
    page.get_by_role("link", name="Dossiers van de persoon zoeken").click()
    expect(page.locator("h1")).to_have_text("Gevonden dossiers")
    expect(page.locator("main")).to_contain_text(assessment.number)
    expect(page.locator("main")).to_contain_text(person.number)
    page.get_by_role("button", name=f"{person.number} bevestigen").click()
    expect(page.locator("body")).to_contain_text(
        f"Dossier {person.number} is bevestigd voor dit verzoek."
    )
    subject_request.refresh_from_db()
    assert subject_request.state == RequestState.IN_PROGRESS
    assert list(subject_request.dossiers.values_list("dossier_key", flat=True)) == [person.number]

    # When the overview is previewed and made as a PDF
    page.goto(f"/rechten/verzoeken/{number}/")
    page.get_by_role("link", name="Bekijk het overzicht en maak de PDF").click()
    expect(page.locator("h1")).to_have_text("Overzicht van de gegevens (voorbeeld)")
    assert "Waarom wij deze gegevens verwerken" in page.get_by_test_id("overview").inner_text()
    page.get_by_role("button", name="Maak de PDF").click()
    expect(page.locator("body")).to_contain_text("Het overzicht is als PDF gemaakt.")
    expect(page.locator("h1")).to_have_text(f"Uitkomsten van verzoek {number}")

    # Then the PDF downloads and says, in Dutch, what the ICO dossier holds
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Inzageoverzicht")).click()
    with open(download.value.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert "Overzicht van uw gegevens" in text and person.number in text
    assert subject_request.letters.filter(kind=LetterKind.ACCESS).count() == 1


def test_i1_i2_the_uitvoerder_postpones_a_duty_on_a_ground_and_then_records_it_informed(
    page, seeded
):
    duty = (
        DutyToInform.objects.filter(
            data_file__veiligheidshuis__code="kennemerland",
            file_label="weegploeg",
            state=DutyState.TO_INFORM,
        )
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    signed_in(page, "uitvoerder")

    # Given the duty's page, in the list of duties to inform
    page.get_by_role("link", name="Informatieplichten", exact=True).click()
    expect(page.locator("h1")).to_have_text("Informatieplichten")
    page.goto(f"/rechten/informatieplichten/{duty.pk}/")
    expect(page.locator("h1")).to_have_text(f"Informatieplicht {duty.pk}")
    assert page.get_by_test_id("state").inner_text().startswith("Te informeren")

    # When informing is postponed on a ground of AVG 23, with reasons and a date to look again
    page.get_by_role("link", name="Informeren uitstellen").click()
    expect(page.locator("body")).to_contain_text(
        "Informeren mag alleen worden uitgesteld op een grond van AVG 23"
    )
    ground = LegalGround.objects.get(code="openbare-veiligheid")
    page.get_by_label("Grond (AVG 23, UAVG 41)").select_option(str(ground.pk))
    page.get_by_label("Motivering").fill("Informeren zou het lopende onderzoek nu schaden.")
    page.get_by_label("Opnieuw bekijken op").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Opslaan").click()

    # Then the duty is postponed, with the ground and the date in its history
    expect(page.locator("body")).to_contain_text("Het uitstel is vastgelegd.")
    assert page.get_by_test_id("state").inner_text().startswith("Uitgesteld")
    history = page.get_by_test_id("postponements").inner_text()
    assert "de openbare veiligheid" in history and "Lopend" in history
    assert (today + timedelta(days=30)).strftime("%d-%m-%Y") in history

    # When the ground has lapsed and the person is informed by post
    page.get_by_role("link", name="Vastleggen dat de persoon is geïnformeerd").click()
    page.get_by_label("Geïnformeerd op").fill(today.isoformat())
    page.get_by_label("Geïnformeerd per").select_option("post")
    page.get_by_label("Ik begrijp dat dit definitief is").check()
    page.get_by_role("button", name="Vastleggen als geïnformeerd").click()

    # Then the duty is informed, which is final; the postponement ended that day
    expect(page.locator("body")).to_contain_text("De persoon is vastgelegd als geïnformeerd.")
    assert page.get_by_test_id("state").inner_text() == "Geïnformeerd"
    assert "Per post" in page.get_by_test_id("informed").inner_text()
    expect(page.get_by_role("link", name="Informeren uitstellen")).to_have_count(0)
    duty.refresh_from_db()
    assert duty.state == DutyState.INFORMED and duty.informed_on == today
    assert not duty.postponements.filter(ended_on__isnull=True).exists()


def test_r1_u1_a_partner_sees_no_rights_menu_and_gets_404_on_a_request(page, seeded):
    subject_request = SubjectRequest.objects.order_by("pk").first()
    signed_in(page, "extern")

    for link in RIGHTS_MENU:
        expect(page.get_by_role("link", name=link)).to_have_count(0)

    for path in (
        f"/rechten/verzoeken/{subject_request.number}/",
        "/rechten/verzoeken/",
        "/rechten/verzoeken/nieuw/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
        assert subject_request.surname not in page.content()
