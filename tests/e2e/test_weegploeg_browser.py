"""W1, W2, W3 and I1 in a real browser: the uitvoerder enters a signal, records the analysis and
the decision "agenderen"; the duty to inform starts for the kernpartij that brought the signal.
axe-core finds no serious or critical violation on the intake and dossier pages."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from rights.models import DutyToInform
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.e2e.test_walk_politie_browser import screenshots
from tests.weegploeg.factories import Weegploeg, framework
from weegploeg.constants import AssessmentStatus, Outcome
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wp(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Weegploeg(region)


def test_w1_w3_i1_the_uitvoerder_enters_a_signal_analyses_and_decides(page, wp):
    version = framework()

    # Given the uitvoerder, signed in, with the pages in English
    page.goto("/account/login/")
    sign_in(page, wp.uitvoerder)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()

    # When the uitvoerder enters a signal of the police about a new person
    page.get_by_role("link", name="Enter a signal").first.click()
    assert axe_violations(page) == []
    page.get_by_label("Given names", exact=True).fill("Piet")
    page.get_by_label("Surname", exact=True).fill("Jansen")
    page.get_by_label("Date of birth", exact=True).fill("1990-05-17")
    page.get_by_label("Municipality", exact=True).fill("Haarlem")  # the code is derived
    page.get_by_label("Brought in by", exact=True).select_option(label=wp.politie.name)
    page.get_by_label("Behaviour observed", exact=True).fill("Deelde filmpjes over geweld.")
    page.get_by_label("Observed on", exact=True).fill("2026-11-01")
    page.get_by_label("Name of the reporter", exact=True).fill("Wijkagent de Vries")
    page.get_by_label("Contact details of the reporter", exact=True).fill("06-12345678")
    page.get_by_role("button", name="Record signal").click()

    # Then the new dossier opens, named by its number
    assessment = Assessment.objects.get()
    expect(page.locator("h1")).to_have_text(f"Dossier {assessment.number}")
    assert assessment.number in page.url and "Jansen" not in page.url
    assert assessment.municipality_code == "0392"
    assert axe_violations(page) == []

    # When the uitvoerder records the analysis against the referentiekader (the next step)
    assert page.get_by_test_id("primary-action").inner_text() == "Record analysis"
    page.get_by_test_id("primary-action").click()
    for criterion in version.criteria.all():
        page.locator(f"#id_finding_{criterion.pk}").select_option("met")
        page.locator(f"#id_explanation_{criterion.pk}").fill(f"Blijkt uit {criterion.code}.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Analysis and decision").click()
    expect(page.locator("body")).to_contain_text("Blijkt uit R1.")
    assert axe_violations(page) == []

    # And decides to advise the driehoek to put the subject on the agenda
    page.get_by_role("link", name="Decide").click()
    page.get_by_label("Outcome", exact=True).select_option(Outcome.AGENDEREN)
    page.get_by_label("Reasons", exact=True).fill("De signalen wegen zwaar.")
    page.get_by_label("Advice to the driehoek").fill("Bespreken in het casusoverleg.")
    page.get_by_label(wp.rvdk.name).check()
    page.get_by_label("I understand that the assessment becomes read-only").check()
    page.get_by_role("button", name="Save").click()

    # Then the assessment is decided and read-only, and the police must inform the subject
    with translation.override("en"):
        expect(page.get_by_test_id("status")).to_have_text(str(AssessmentStatus.DECIDED.label))
    expect(page.get_by_role("link", name="Reopen")).to_be_visible()
    expect(page.get_by_role("link", name="Record analysis")).to_have_count(0)
    assert axe_violations(page) == []
    screenshots(page, "dossier")
    duty = DutyToInform.objects.get(dossier_key=assessment.number)
    assert duty.responsible_party == wp.politie
