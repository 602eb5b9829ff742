"""U6 in a real browser, under the page's own Content-Security-Policy: the uitvoerder opens
Stuurinformatie from the menu; every chart is drawn (Chart.js from our origin, the chart code
in a static file, the data in json_script) with no CSP violation, each chart has its table of
numbers beside it, a count below 5 reads "<5"; and the page passes axe."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, close_quietly
from tests.e2e.test_signin_browser import sign_in
from tests.insights.fixtures import World

pytestmark = pytest.mark.django_db(transaction=True)

DRAWN = """() => Array.from(document.querySelectorAll('canvas[id^="chart-"]')).map((canvas) => {
  const chart = window.Chart && window.Chart.getChart(canvas);
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted += 1; } }
  return {id: canvas.id, chart: Boolean(chart), width: canvas.width, painted: painted};
})"""


def test_u6_the_charts_render_under_the_csp_beside_their_tables(browser, live_server, region):
    world = World(region)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")  # CSP enforced
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/account/login/")
    sign_in(page, world.keeper)
    page.get_by_role("link", name="Stuurinformatie", exact=True).click()
    page.get_by_label("Vanaf maand").fill("2026-11")
    page.get_by_label("Tot en met maand").fill("2026-11")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_function("() => document.querySelector('canvas[data-drawn=\"true\"]')")
    expect(page.locator("h1")).to_have_text("Stuurinformatie")

    drawn = page.evaluate(DRAWN)
    assert len(drawn) == 8
    for canvas in drawn:
        assert canvas["chart"] and canvas["width"] > 0 and canvas["painted"] > 0, canvas
    assert not problems, problems
    # Each chart has its table beside it, and the table is its text alternative.
    for key in ("signals", "decisions", "days", "cases", "measures", "retention"):
        section = page.get_by_test_id(f"table-{key}")
        expect(section.locator("table")).to_have_count(1)
        assert section.locator("canvas").get_attribute("aria-label")
    counts = page.get_by_test_id("count").all_inner_texts()
    assert "<5" in counts and "6" in counts
    assert not {"1", "2", "3", "4"} & set(counts)
    close_quietly(context)


def test_u6_avg30_the_pages_pass_axe(page, region):
    world = World(region)
    page.goto("/account/login/")
    sign_in(page, world.fg)
    for path in (
        "/stuurinformatie/?first=2026-11&last=2026-11",
        "/stuurinformatie/verwerkingsregister/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], path
    # The filter's error keeps what was typed.
    page.goto("/stuurinformatie/?first=2026-12&last=2026-11")
    assert page.get_by_label("Vanaf maand").input_value() == "2026-12"
    expect(page.locator(".utrecht-form-field--invalid")).to_have_count(1)
    assert axe_violations(page) == []
