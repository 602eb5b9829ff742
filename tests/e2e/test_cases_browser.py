"""W6, C3, C4, C6 and P6 in a real browser: the uitvoerder puts a decided assessment on the
agenda of the CTER ICO, adds a measure and holds a meeting; the chair records the discussion and
approves the minutes; the uitvoerder discloses only the signals to a declared partner, who sees
exactly that and nothing else of the case. axe-core finds no serious or critical violation on
the pages on the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, CaseMeeting, Disclosure
from parties.constants import Function
from tests.cases.transfer_fixtures import Agendering
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.factories import make_user, record_declaration

pytestmark = pytest.mark.django_db(transaction=True)

POLICE_SIGNAL = "Deelde filmpjes die geweld verheerlijken."
OM_SIGNAL = "Zocht online naar de bouw van explosieven."
MEASURE = "Gesprek met de jeugdbeschermer over school."


@pytest.fixture
def ag(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agendering = Agendering(region)
    agendering.chair = make_user(
        agendering.wp.haarlem,
        Function.VOORZITTER,
        username="voorzitter",
        files=[agendering.overleg],  # P8: the chair records in its casusoverleg's file
    )
    agendering.overleg.chairs.set([agendering.chair])
    record_declaration(agendering.wp.extern, by=agendering.keeper)
    return agendering


def as_user(browser, live_server, user):
    """A browser of its own for `user`, signed in, with the pages in English."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto("/account/login/")
    sign_in(page, user)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    return page


def test_w6_c3_c4_c6_from_agendering_to_what_the_partner_sees(page, browser, live_server, ag):
    assessment = ag.assessment()
    wp = ag.wp
    today = timezone.localdate()
    page.goto("/account/login/")
    sign_in(page, ag.keeper)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()

    # Given the decided assessment, the uitvoerder puts it on the agenda of the CTER ICO with the
    # police signal only and the first finding, the identity checked in the BRP
    page.goto(f"/weegploeg/dossiers/{assessment.number}/")
    page.get_by_role("link", name="Put on the agenda of a casusoverleg").click()
    assert axe_violations(page) == []
    page.get_by_label("Casusoverleg", exact=True).select_option(label=ag.overleg.name)
    page.get_by_label(OM_SIGNAL, exact=False).uncheck()
    page.locator("input[name=findings]").first.check()
    page.get_by_label("Identity established by").select_option("brp")
    page.get_by_label("I understand that the chosen data go to the ICO file").check()
    page.get_by_role("button", name="Put on the agenda", exact=True).click()

    # Then the new case opens, with the police signal and not the other
    case = Case.objects.get()
    expect(page.locator("h1")).to_have_text(f"Case {case.number}")
    assert POLICE_SIGNAL in page.content() and OM_SIGNAL not in page.content()
    assert axe_violations(page) == []

    # When the uitvoerder adds the partner and a measure for the RvdK, due within the week
    page.get_by_role("link", name="Add a participant").click()
    page.get_by_label("Party", exact=True).select_option(label=wp.extern.name)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("Measure", exact=True).fill(MEASURE)
    page.get_by_label("Owner", exact=True).select_option(label=wp.rvdk.name)
    page.get_by_label("Deadline", exact=True).fill((today + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("measure").first).to_contain_text(MEASURE)

    # And records a meeting with the case on its agenda, chaired by the voorzitter
    page.goto("/casussen/")
    page.get_by_role("link", name="Case meetings").click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Casusoverleg", exact=True).select_option(label=ag.overleg.name)
    page.get_by_label("Date", exact=True).fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("Chair", exact=True).select_option(label=ag.chair.display_name)
    page.get_by_label(wp.politie.name, exact=True).check()
    page.get_by_label(wp.rvdk.name, exact=True).check()
    page.get_by_label(case.number, exact=False).check()
    page.get_by_role("button", name="Save").click()

    # Then the agenda shows the measure that falls due before the meeting
    meeting = CaseMeeting.objects.get()
    assert MEASURE in page.content()

    # When the chair records the discussion and approves the minutes
    chair = as_user(browser, live_server, ag.chair)
    chair.goto(f"/casussen/overleggen/{meeting.pk}/")
    assert axe_violations(chair) == []
    chair.get_by_role("link", name="Record the discussion").click()
    assert axe_violations(chair) == []
    chair.get_by_label(re.compile("^Minutes")).fill("Besproken; de RvdK neemt de regie.")
    chair.get_by_label("How the approach is carried out").fill("Gesprekken thuis en op school.")
    # U1: one shared list of possible casemanagers; the item is saved in place (htmx)
    chair.get_by_label(re.compile("^Casemanager")).fill(f"{wp.raad.display_name} ({wp.rvdk.name})")
    chair.get_by_label("How the subject is informed").fill("Brief van de gemeente.")
    chair.get_by_role("button", name="Save").click()
    chair.get_by_test_id("agenda-item").get_by_role("status").wait_for()
    chair.get_by_label("I approve these minutes").check()
    chair.get_by_role("button", name="Approve minutes").click()

    # Then the minutes are final: the page no longer offers a form
    expect(chair.get_by_test_id("minutes-status")).to_have_text(re.compile("^Approved on"))
    assert "Gesprekken thuis en op school." in chair.content()
    expect(chair.get_by_role("button", name="Save")).to_have_count(0)

    # When the uitvoerder discloses only the signals to the partner, with the police's permission
    page.goto(f"/casussen/dossiers/{case.number}/")
    page.get_by_role("link", name="Disclose to a partner").click()
    assert axe_violations(page) == []
    page.get_by_label("External partner", exact=True).select_option(label=wp.extern.name)
    page.get_by_label("Signals", exact=True).check()
    page.get_by_label("Involvement in nuisance", exact=False).check()
    page.get_by_label("Why the partner's contribution needs these data").fill(
        "Het exitprogramma sluit aan op wat de politie zag."
    )
    page.get_by_label("Provider of the data", exact=True).select_option(label=wp.politie.name)
    page.get_by_label("Permission of the provider", exact=True).fill("Teamchef, mail 24-11")
    page.get_by_role("button", name="Save").click()
    assert Disclosure.objects.get().parts == ["signals"]

    # Then the partner sees the disclosed signal, and nothing else of the case
    partner = as_user(browser, live_server, wp.partner)
    partner.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Disclosures"
    ).click()
    partner.get_by_test_id("disclosure-list").locator("tbody a").first.click()
    body = partner.locator("main").inner_text()
    assert POLICE_SIGNAL in body
    assert "Jansen" not in body and MEASURE not in body and OM_SIGNAL not in body
    assert axe_violations(partner) == []
    response = partner.goto(f"/casussen/dossiers/{case.number}/")
    assert response.status == 404
