import os
from contextlib import suppress
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def quiet_pages_before_the_flush(request):
    """Every page the test opened finishes loading before the live server's database is
    flushed: the dashboard loads its panels after the page (ADR 0022), and a panel's request
    still running during the flush's TRUNCATE deadlocks it. Taken after the live server, so
    torn down before it; every context the test made is closed."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("live_server")
    browser = request.getfixturevalue("browser")
    yield
    for context in list(browser.contexts):
        close_quietly(context)


def close_quietly(context) -> None:
    """Close a browser context once its pages have no request in flight."""
    for page in context.pages:
        with suppress(PlaywrightError):
            page.wait_for_load_state("networkidle", timeout=10_000)
    context.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    # bypass_csp lets the test inject axe-core; the pages themselves keep their policy.
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    yield page
    close_quietly(context)


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (from npm) on the page; the violations of the given impacts."""
    # A click on a link returns before the page it leads to has loaded: wait for that page,
    # or axe goes into a document still being parsed (no head yet to append the script to).
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    # Only the violations are read: axe then works out the selectors of no other result, a
    # third of its time on these pages (axe-core's API, "resultTypes").
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
