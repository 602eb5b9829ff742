"""U1, C4 in a real browser: the chair opens a coming meeting from the dashboard, records the
minutes of one case on the agenda in place (htmx), and approves the minutes. axe-core finds no
serious or critical violation on any page on the way; the meeting page is photographed at
desktop and phone width."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import meeting_services, services
from cases.models import CaseMeeting
from tests.cases.factories import Ico
from tests.e2e.test_walk_rvdk_browser import no_violations, screenshots, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ico(region, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Ico(region)


def test_c4_u1_the_chair_records_an_item_and_approves_the_minutes(browser, live_server, ico):
    # Given a meeting today with two cases on the agenda
    today = timezone.localdate()
    first = ico.open_case(surname="Eerste")
    second = ico.open_case(surname="Tweede")
    services.add_measure(
        first,
        by=ico.keeper,
        description="Gesprek op school.",
        owner=ico.rvdk,
        deadline=today + timedelta(days=1),
    )
    meeting = meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=today,
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente, ico.rvdk],
        cases=[first, second],
        by=ico.keeper,
    )
    second_item = meeting.discussions.get(case=second)
    meeting_services.record_discussion(
        second_item,
        by=ico.keeper,
        minutes="",
        approach="Huisbezoek.",
        casemanager=None,
        informing="Brief.",
    )

    # When the chair opens the meeting from the dashboard
    page = signed_in(browser, live_server, ico.chair)
    panel = page.get_by_test_id("panel-case-meetings")
    assert first.number in panel.inner_text()
    no_violations(page)
    panel.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^Casusoverleg van"))
    no_violations(page)
    screenshots(page, "meeting")
    before_opening = page.url

    # And records the minutes of the first case, in place
    item = page.locator(f"#case-{meeting.discussions.get(case=first).pk}")
    item.get_by_role("link", name="Bespreking vastleggen").click()  # one form open at a time
    item.get_by_label("Verslag").wait_for()
    assert page.url == before_opening  # put in place by htmx
    item.get_by_label("Verslag").fill("Besproken; de RvdK neemt de regie.")
    item.get_by_label("Hoe de aanpak wordt uitgevoerd").fill("Gesprekken thuis en op school.")
    item.get_by_label("Casemanager").fill(f"{ico.raad.display_name} ({ico.rvdk.name})")
    item.get_by_label("Hoe het subject wordt geïnformeerd").fill("Brief van de gemeente.")
    before = page.url
    item.get_by_role("button", name="Opslaan").click()
    item = page.locator(f"#case-{meeting.discussions.get(case=first).pk}")
    item.get_by_role("status").wait_for()
    assert first.number in item.get_by_role("status").inner_text()
    assert page.url == before
    expect(item).to_contain_text("Gesprekken thuis en op school.")
    expect(item.get_by_test_id("discussion-form")).to_have_count(0)
    no_violations(page)

    # Then the chair approves the minutes, its primary action
    page.get_by_test_id("primary-action").click()
    page.get_by_label("Ik stel dit verslag vast").check()
    page.get_by_role("button", name="Verslag vaststellen").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text(re.compile("^Vastgesteld op"))
    expect(page.get_by_role("button", name="Opslaan")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Gesprekken thuis en op school.")
    no_violations(page)
    meeting = CaseMeeting.objects.get(pk=meeting.pk)
    assert meeting.approved_at is not None
    first.refresh_from_db()
    assert first.casemanager == ico.raad
