"""U1, U3, W1, W3, W6, W7, C4 in a real browser: the uitvoerder's day, from intake to the minutes.
From the dashboard the uitvoerder enters a signal (with the keyboard), then follows the dossier's
primary action each time: records the analysis, puts the dossier on a weegploeg meeting, decides
"agenderen", and puts the subject on the agenda of the casusoverleg. It plans the case meeting,
and on the meeting page records the minutes of the agenda item in place (htmx: the page does not
reload). Approving the minutes is the chair's: the uitvoerder is not offered it. axe-core finds no
serious or critical violation on any page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, CaseMeeting
from parties.constants import Function
from tests.cases.transfer_fixtures import Agendering
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.factories import make_user
from tests.weegploeg.factories import framework
from weegploeg.constants import AssessmentStatus
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ag(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agendering = Agendering(region)
    agendering.chair = make_user(
        agendering.wp.haarlem,
        Function.VOORZITTER,
        username="voorzitter",
        files=[agendering.overleg],
    )
    agendering.overleg.chairs.set([agendering.chair])
    framework()
    return agendering


def visited(page, visited_urls):
    """axe-core on the page now shown: no serious or critical violation."""
    assert axe_violations(page) == [], page.url
    visited_urls.append(page.url)


def test_u1_u3_the_uitvoerder_from_intake_to_the_minutes(page, ag):
    wp = ag.wp
    today = timezone.localdate()
    seen: list[str] = []
    page.set_default_timeout(5000)

    # Given the uitvoerder, signed in, with the pages in English, on the dashboard
    page.goto("/account/login/")
    visited(page, seen)
    sign_in(page, ag.keeper)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    expect(page.locator("h1")).to_have_text("Overview")
    visited(page, seen)

    # When it enters a signal from the dashboard, with the keyboard only
    page.get_by_role("link", name="Enter a signal").first.click()
    visited(page, seen)
    for label, text in (
        ("Given names", "Piet"),
        ("Surname", "Jansen"),
        ("Municipality", "Haarlem"),
        ("Behaviour observed", "Deelde filmpjes over geweld."),
        ("Name of the reporter", "Wijkagent de Vries"),
        ("Contact details of the reporter", "06-12345678"),
    ):
        page.get_by_label(label, exact=True).focus()
        page.keyboard.type(text)
    page.get_by_label("Date of birth", exact=True).fill("1990-05-17")
    page.get_by_label("Observed on", exact=True).fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Brought in by", exact=True).focus()
    page.keyboard.type(wp.politie.name)
    page.get_by_label("Contact details of the reporter", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Then the new dossier opens; its next step is the analysis
    assessment = Assessment.objects.get()
    expect(page.locator("h1")).to_have_text(f"Dossier {assessment.number}")
    assert assessment.signals.get().brought_by == wp.politie
    visited(page, seen)

    # When it records the analysis, its primary action
    primary = page.get_by_test_id("primary-action")
    assert primary.inner_text() == "Record analysis"
    primary.click()
    visited(page, seen)
    for select in page.locator("select[id^=id_finding_]").all():
        select.select_option("met")
    for text in page.locator("textarea[id^=id_explanation_]").all():
        text.fill("Blijkt uit de signalen.")
    page.get_by_role("button", name="Save").click()
    visited(page, seen)

    # And puts the dossier on the agenda of a weegploeg meeting, the next primary action
    expect(page.locator("body")).to_contain_text("The analysis has been recorded.")
    primary = page.get_by_test_id("primary-action")
    assert primary.inner_text() == "Put on a weegploeg meeting"
    primary.click()
    visited(page, seen)
    page.get_by_label("Date", exact=True).fill(today.isoformat())
    page.get_by_label(wp.politie.name, exact=True).check()
    page.get_by_label(wp.om.name, exact=True).check()
    page.get_by_role("button", name="Save").click()
    visited(page, seen)

    # And decides "agenderen", the primary action once the meeting is held
    page.get_by_role("link", name=re.compile(assessment.number)).first.click()
    primary = page.get_by_test_id("primary-action")
    assert primary.inner_text() == "Decide"
    primary.click()
    visited(page, seen)
    page.get_by_label("Outcome", exact=True).select_option("agenderen")
    page.get_by_label("Reasons", exact=True).fill("De signalen wegen zwaar.")
    page.get_by_label("Advice to the driehoek").fill("Bespreken in het casusoverleg.")
    page.get_by_label(wp.rvdk.name).check()
    page.get_by_label("I understand that the assessment becomes read-only").check()
    page.get_by_role("button", name="Save").click()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED
    visited(page, seen)

    # And puts the subject on the agenda of the casusoverleg, the primary action now
    primary = page.get_by_test_id("primary-action")
    assert primary.inner_text() == "Put on the agenda of a casusoverleg"
    primary.click()
    visited(page, seen)
    page.get_by_label("Casusoverleg", exact=True).select_option(label=ag.overleg.name)
    page.locator("input[name=findings]").first.check()
    page.get_by_label("Identity established by").select_option("brp")
    page.get_by_label("I understand that the chosen data go to the ICO file").check()
    page.get_by_role("button", name="Put on the agenda", exact=True).click()

    # Then the case opens in the casusoverleg
    case = Case.objects.get()
    expect(page.locator("h1")).to_have_text(f"Case {case.number}")
    visited(page, seen)

    # When it plans today's case meeting with the case on the agenda, chaired by the voorzitter
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Meetings", exact=True
    ).click()
    visited(page, seen)
    page.get_by_role("link", name="New meeting").click()
    visited(page, seen)
    page.get_by_label("Casusoverleg", exact=True).select_option(label=ag.overleg.name)
    page.get_by_label("Date", exact=True).fill(today.isoformat())
    page.get_by_label("Chair", exact=True).select_option(label=ag.chair.display_name)
    page.get_by_label(wp.politie.name, exact=True).check()
    page.get_by_label(wp.rvdk.name, exact=True).check()
    page.get_by_label(case.number, exact=False).check()
    page.get_by_role("button", name="Save").click()
    meeting = CaseMeeting.objects.get()
    visited(page, seen)

    # And opens the case, whose primary action is now to record the meeting
    page.get_by_role("link", name=case.number).first.click()
    primary = page.get_by_test_id("primary-action")
    assert primary.inner_text() == "Record the meeting"
    primary.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Case meeting of"))
    visited(page, seen)

    # And records the minutes of the agenda item in place
    page.evaluate("window.walkMarker = 'still here'")
    item = page.locator(f"#case-{meeting.discussions.get().pk}")
    item.get_by_role("link", name="Record the discussion").click()
    item.get_by_label(re.compile("^Minutes")).fill("Besproken; de RvdK neemt de regie.")
    item.get_by_label("How the approach is carried out").fill("Gesprekken thuis en op school.")
    item.get_by_label(re.compile("^Casemanager")).fill(f"{wp.raad.display_name} ({wp.rvdk.name})")
    item.get_by_label("How the subject is informed").fill("Brief van de gemeente.")
    item.get_by_role("button", name="Save").click()

    # Then the item confirms it, on the same page: no reload
    item = page.locator(f"#case-{meeting.discussions.get().pk}")
    item.get_by_role("status").wait_for()
    assert case.number in item.get_by_role("status").inner_text()
    assert page.evaluate("window.walkMarker") == "still here"
    assert meeting.discussions.get().minutes == "Besproken; de RvdK neemt de regie."
    visited(page, seen)

    # And approving the minutes is the chair's, not offered to the uitvoerder
    expect(page.get_by_role("button", name="Approve minutes")).to_have_count(0)
    assert CaseMeeting.objects.get().approved_at is None
    assert len(seen) >= 15
