"""S2 and U4 in a real browser: the FG opens the access log from the menu, filters it by dossier
number and by kind of action with the keyboard only, sees the matching entries with a read at
night marked in words, opens the dossier's trail, and signs off an ended review period with
findings and the confirmation, again with the keyboard. The pages of the access log, its
reviews and the Logboek export pass axe-core, with entries, empty and with errors shown."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from security.models import AccessReview
from security.services.access_review import last_ended_period
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in
from tests.security.access_log.world import World, read, worked_out

pytestmark = pytest.mark.django_db(transaction=True)

NIGHT = "'s Nachts ingezien"


@pytest.fixture
def world(region):
    return World(region)


@pytest.fixture
def log(world):
    """Written with time-machine before the browser starts: yesterday the officier, authorised
    for the file since the day before, read dossier A by day and at night, A's list, and B."""
    yesterday = timezone.localdate() - timedelta(days=1)

    def moment(hour, minute=0):
        return timezone.make_aware(datetime.combine(yesterday, time(hour, minute)))

    reader = world.ico.officier
    reader.file_authorisations.update(granted_at=moment(0) - timedelta(days=1))
    a, b = world.case(), world.case()
    written = {
        "a": a,
        "b": b,
        "day": read(reader, a, moment(10)),
        "list": read(reader, a, moment(11), kind="list"),
        "other": read(reader, b, moment(12)),
        "night": read(reader, a, moment(23, 30)),
    }
    worked_out()  # the beat jobs after the reads (S2, docs/adr/0027)
    return written


def focus_ring(page) -> str:
    """The visible focus of the focused element: its outline or box shadow, '' if none."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            return outline ? style.outline : (shadow ? style.boxShadow : '');
        }"""
    )


def test_s2_the_fg_filters_the_log_with_the_keyboard_and_opens_a_trail(page, world, log):
    page.goto("/account/login/")
    sign_in(page, world.fg)

    # Given the access log, opened from the menu
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Toegangslog").click()
    expect(page.locator("h1")).to_have_text("Toegangslog")

    # The skip link comes first and leads into the content
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Naar de inhoud")
    assert skip.is_visible() and focus_ring(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Beoordelingen per periode")

    # When the FG filters by dossier number and kind of action, with the keyboard only
    search = page.get_by_role("search", name="Zoeken")
    search.get_by_label("Dossiernummer").focus()
    assert focus_ring(page)
    page.keyboard.type(log["a"].number)
    page.get_by_label("Soort handeling").focus()
    page.keyboard.type("Ingezien: een d")  # the select's type-ahead
    assert page.get_by_label("Soort handeling").input_value() == "read-detail"
    page.keyboard.press("Tab")  # to "only unusual reads"
    expect(page.get_by_label("Alleen ongebruikelijke inzages")).to_be_focused()
    page.keyboard.press("Tab")  # to the button
    expect(page.get_by_role("button", name="Zoeken", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**action=read-detail**")

    # Then only the detail reads of dossier A are listed; the one at night is marked in words
    entries = page.get_by_test_id("entries")
    expect(entries).to_be_visible()
    expect(page.get_by_test_id(f"entry-{log['day'].pk}")).to_be_visible()
    expect(page.get_by_test_id(f"entry-{log['list'].pk}")).to_have_count(0)
    expect(page.get_by_test_id(f"entry-{log['other'].pk}")).to_have_count(0)
    night = page.get_by_test_id(f"entry-{log['night'].pk}")
    expect(night).to_contain_text(NIGHT)
    assert night.get_attribute("data-unusual") == "true"
    day = page.get_by_test_id(f"entry-{log['day'].pk}")
    assert day.get_attribute("data-unusual") is None
    assert day.get_by_role("cell").last.inner_text() == "–"  # the ordinary read is not marked
    # what was typed stays in the filters
    assert page.get_by_label("Dossiernummer").input_value() == log["a"].number
    assert page.get_by_label("Soort handeling").input_value() == "read-detail"

    # When the FG opens the dossier's trail with the keyboard
    page.get_by_role("link", name=log["a"].number).first.focus()
    page.keyboard.press("Enter")

    # Then every entry of dossier A is there, in time order, the night read marked
    expect(page.locator("h1")).to_have_text(f"Spoor van dossier {log['a'].number}")
    rows = page.get_by_test_id("entries").locator("tbody tr")
    testids = rows.evaluate_all("rows => rows.map(row => row.dataset.testid)")
    expected = [f"entry-{log[name].pk}" for name in ("day", "list", "night")]
    assert [t for t in testids if t in expected] == expected
    expect(page.get_by_test_id(f"entry-{log['night'].pk}")).to_contain_text(NIGHT)
    expect(page.get_by_test_id(f"entry-{log['other'].pk}")).to_have_count(0)


def test_s2_the_fg_signs_off_an_ended_period_with_the_keyboard(page, world, log):
    period = last_ended_period(timezone.localdate())
    page.goto("/account/login/")
    sign_in(page, world.fg)
    page.get_by_role("link", name="Toegangslog", exact=True).click()

    # Given the reviews per period, the ended one due
    page.get_by_role("link", name="Beoordelingen per periode").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Beoordelingen van het toegangslog")
    start = period.start.strftime("%d-%m-%Y")
    row = page.get_by_test_id(f"period-{world.region.code}-{period.start.isoformat()}")
    expect(row).to_contain_text("Af te tekenen")
    page.get_by_role("link", name=f"De periode vanaf {start} aftekenen").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Controle aftekenen")

    # When the findings are typed but the confirmation forgotten
    page.get_by_label("Bevindingen").focus()
    page.keyboard.type("De nachtelijke inzage van dossier A is nagegaan: piketdienst.")
    page.keyboard.press("Tab")  # to the confirmation
    expect(page.get_by_label("Ik heb het toegangslog van deze periode")).to_be_focused()
    page.keyboard.press("Tab")  # to the button
    expect(page.get_by_role("button", name="Aftekenen")).to_be_focused()
    page.keyboard.press("Enter")

    # Then the error is shown and what was typed stays; nothing is signed off
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".utrecht-form-field--invalid")).to_have_count(1)
    assert page.get_by_label("Bevindingen").input_value().startswith("De nachtelijke inzage")
    assert not AccessReview.objects.exists()

    # When the FG confirms, with the keyboard
    page.get_by_label("Ik heb het toegangslog van deze periode").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    # Then the period is signed off, on the page and in the database
    expect(page.get_by_role("status")).to_contain_text(
        "De beoordeling van de periode is afgetekend."
    )
    expect(row).to_contain_text("Afgetekend")
    expect(row).to_contain_text("piketdienst")
    review = AccessReview.objects.get()
    assert (review.veiligheidshuis, review.period_start) == (world.region, period.start)
    assert review.signed_off_by == world.fg and review.signed_off_at is not None
    assert review.findings == "De nachtelijke inzage van dossier A is nagegaan: piketdienst."


def test_s2_u4_the_access_log_pages_pass_axe(page, world, log):
    period = last_ended_period(timezone.localdate())
    page.goto("/account/login/")
    sign_in(page, world.uitvoerder)
    number = log["a"].number
    sign_off = (
        f"/toezicht/toegangslog/beoordelingen/{world.region.code}/"
        f"{period.start.isoformat()}/aftekenen"
    )
    today = timezone.localdate()
    before = today - timedelta(days=2)
    found, errors_shown = {}, []

    def check(name):
        violations = axe_violations(page)
        if violations:
            found[name] = violations

    for path, with_error in (
        ("/toezicht/toegangslog/", False),  # with entries and an unusual read
        (f"/toezicht/toegangslog/?dossier={number}&action=read-detail", False),
        ("/toezicht/toegangslog/?dossier=BESTAAT-NIET", False),  # the empty state
        (f"/toezicht/toegangslog/?date_from={today}&date_to={before}", True),
        (f"/toezicht/toegangslog/dossiers/ico/{number}", False),
        ("/toezicht/toegangslog/dossiers/ico/BESTAAT-NIET", False),  # an empty trail
        ("/toezicht/toegangslog/beoordelingen/", False),
        (sign_off, False),
        ("/toezicht/logboek/", False),
        (f"/toezicht/logboek/?start={today}&end={before}", True),
    ):
        response = page.goto(path)
        assert response.status == 200, path
        check(path)
        if with_error:
            errors_shown.append(page.get_by_role("alert").is_visible())

    # the sign-off form with its errors shown
    page.goto(sign_off)
    page.get_by_role("button", name="Aftekenen").click()
    errors_shown.append(page.get_by_role("alert").is_visible())
    check("sign-off with errors")
    assert found == {}
    assert errors_shown == [True, True, True]  # the pages were checked with their errors
