"""U1, U2, U4 in a real browser: the page shell over the demo data. A keyboard walk (skip link,
menu, language and back), the menu marking the section of a sub-page with breadcrumbs above it,
no horizontal scroll at phone width, axe-core on the dashboard of several functions, and
screenshots of the uitvoerder's dashboard for a reviewer."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.constants import CaseStatus
from cases.models import Case
from parties import demo
from parties.models import User
from tests.demo_snapshot import seed_demo
from tests.e2e.conftest import axe_violations
from tests.e2e.test_signin_browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_demo()  # the grounds and the demo (tests/demo_snapshot.py)


def signed_in(page, username):
    page.goto("/account/login/")
    sign_in(page, User.objects.get(username=username), demo.DEMO_PASSWORD)
    expect(page.locator("h1")).to_have_text("Overzicht")


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, text: (e.innerText || e.value || '').trim(), id: e.id,
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_u4_keyboard_walk_skip_link_menu_and_language(page, seeded):
    # Given the uitvoerder on the dashboard
    signed_in(page, "uitvoerder")
    page.goto("/")
    # When the first Tab is pressed, the skip link shows, visibly focused
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Naar de inhoud"
    assert first["outline"] != "none" and first["width"] >= 2
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_visible()
    # and following it lands in the content
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    # When tabbing on from the top, the menu's items come by, each visibly focused
    page.goto("/")
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outline"] != "none", now
        reached.append(now["text"])
        if now["text"] == "Casussen":
            break
    assert "Overzicht" in reached and "Casussen" in reached
    # and Enter on it opens the section
    page.keyboard.press("Enter")
    page.wait_for_url("**/casussen/")
    # When the language is chosen by keyboard: the names are each in their own language
    options = page.locator("#taal option").all_inner_texts()
    assert options == ["English", "Nederlands"] or sorted(options) == ["English", "Nederlands"]
    page.locator("#taal").focus()
    page.locator("#taal").select_option("en")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Wijzig taal"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then the page speaks English, on the same page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/casussen/")
    # And back to Dutch the same way
    page.locator("#taal").focus()
    page.locator("#taal").select_option("nl")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Change language"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_u1_a_case_page_marks_casussen_and_names_its_ancestors(page, seeded):
    case = Case.objects.filter(
        casusoverleg__veiligheidshuis__code="kennemerland", status=CaseStatus.ACTIVE
    ).first()
    signed_in(page, "uitvoerder")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    # On the dashboard: Overzicht is the page, no breadcrumbs
    assert menu.get_by_role("link", name="Overzicht").get_attribute("aria-current") == "page"
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_have_count(0)
    # On the case list: Casussen is the page, still no breadcrumbs (top level)
    page.goto("/casussen/")
    assert menu.get_by_role("link", name="Casussen").get_attribute("aria-current") == "page"
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_have_count(0)
    # On a case: Casussen is where the user is, and the breadcrumbs lead back
    page.goto(f"/casussen/dossiers/{case.number}/")
    assert menu.get_by_role("link", name="Casussen").get_attribute("aria-current") == "true"
    expect(menu.locator("[aria-current]")).to_have_count(1)
    crumbs = page.get_by_role("navigation", name="Kruimelpad").get_by_role("link")
    assert crumbs.all_inner_texts()[:2] == ["Overzicht", "Casussen"]
    assert case.number not in crumbs.all_inner_texts()  # ancestors only, not the page itself
    # On a meeting: Overleggen
    page.goto("/casussen/overleggen/")
    assert menu.get_by_role("link", name="Overleggen").get_attribute("aria-current") == "page"
    # On a weegploeg dossier: Weegploeg
    page.goto("/weegploeg/signalen/nieuw/")
    assert menu.get_by_role("link", name="Weegploeg").get_attribute("aria-current") == "true"
    crumbs = page.get_by_role("navigation", name="Kruimelpad").get_by_role("link")
    assert crumbs.all_inner_texts()[:2] == ["Overzicht", "Weegploeg"]


@pytest.mark.parametrize("username", ["uitvoerder", "beheerder"])
def test_u4_no_horizontal_scroll_at_phone_width(page, seeded, username):
    signed_in(page, username)
    page.set_viewport_size(PHONE)
    paths = ["/", "/casussen/", "/beheer/partijen/", "/beheer/bestanden/"]
    wide = []
    for path in paths:
        response = page.goto(path)
        if response.status != 200:
            continue
        if not no_horizontal_scroll(page):
            wide.append(path)
    assert wide == []
    # The whole menu is reachable: it wraps, nothing hides behind a script
    page.goto("/")
    for link in page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").all():
        expect(link).to_be_visible()


@pytest.mark.parametrize("username", ["uitvoerder", "beheerder", "fg", "politie", "extern"])
def test_u4_the_dashboard_passes_axe_for_each_function(page, seeded, username):
    signed_in(page, username)
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.reload()
    assert axe_violations(page) == []


def test_u1_screenshots_of_the_uitvoerders_dashboard(page, seeded):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    signed_in(page, "uitvoerder")
    page.set_viewport_size(DESKTOP)
    page.reload()
    page.screenshot(path=str(SCREENSHOTS / "dashboard-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.reload()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-phone.png"), full_page=True)
