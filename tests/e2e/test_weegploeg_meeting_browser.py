"""W7, issue 13 in a real browser: on a weegploeg meeting of three items the uitvoerder opens
one item's form from its link, the cursor is in its text field, Cancel closes it, and saving
returns to that item with the discussion shown. axe-core finds no serious or critical violation
with the form closed or open."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.e2e.test_weegploeg_browser import wp  # noqa: F401 (the fixture)
from tests.weegploeg.factories import signal
from weegploeg import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_w7_the_uitvoerder_records_one_discussion_in_the_one_open_form(page, wp):  # noqa: F811
    people = [("Jansen", 17), ("Visser", 18), ("Bakker", 19)]
    assessments = [
        signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=wp.region,
            person={"surname": surname, "date_of_birth": date(1990, 5, day)},
        ).assessment
        for surname, day in people
    ]
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=assessments,
    )
    item = meeting.items.get(assessment__surname="Visser")
    number = item.assessment.number
    url = f"/weegploeg/overleggen/{meeting.pk}/"

    # Given the uitvoerder, signed in, on the meeting: every item read-only, none open
    page.goto("/account/login/")
    sign_in(page, wp.uitvoerder)
    page.goto(url)
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.get_by_role("link", name="Bespreking vastleggen")).to_have_count(3)
    assert axe_violations(page) == []

    # When the uitvoerder opens the second item's form
    page.get_by_role("link", name=f"Bespreking vastleggen {number}").click()

    # Then that one form is open, with the cursor in its text field
    expect(page.locator("textarea")).to_have_count(1)
    expect(page.get_by_label("Wat is besproken en besloten")).to_be_focused()
    assert page.url.endswith(f"?vastleggen={item.pk}")
    assert axe_violations(page) == []

    # When the uitvoerder cancels, the form closes on the same item
    page.get_by_role("link", name="Annuleren").click()
    expect(page.locator("textarea")).to_have_count(0)
    assert page.url.endswith(f"{url}#item-{item.pk}")

    # And when the uitvoerder opens it again, types and saves
    page.get_by_role("link", name=f"Bespreking vastleggen {number}").click()
    expect(page.get_by_label("Wat is besproken en besloten")).to_be_focused()
    page.keyboard.type("Besproken; analyse volgt.")
    page.get_by_role("button", name="Opslaan").click()

    # Then the page returns to the item, closed, with the discussion shown
    expect(page.locator("body")).to_contain_text(f"De bespreking van {number} is vastgelegd.")
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.locator(f"section[aria-labelledby=item-{item.pk}]")).to_contain_text(
        "Besproken; analyse volgt."
    )
    assert page.url.endswith(f"{url}#item-{item.pk}")
    item.refresh_from_db()
    assert item.discussion == "Besproken; analyse volgt."
