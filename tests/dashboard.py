"""The dashboard as a browser sees it (ADR 0022): without JavaScript, every panel rendered at
once; with it, the page without its panels' content, and htmx loading each panel by its
placeholder's `hx-get` and putting the answer in the placeholder's place (`hx-swap="outerHTML"`,
an empty answer removes it). Either way the result is the same HTML, so a test of what the
dashboard shows runs on both."""

import re

from parties.views.dashboard import SCRIPTING_COOKIE
from tests.conftest import verified_client

PATHS = ("all at once", "panel by panel")
PLACEHOLDER = re.compile(
    r'<section[^>]*data-testid="panel-pending"[^>]*hx-get="([^"]+)"[^>]*>.*?</section>', re.S
)

PLACEHOLDER_URLS = re.compile(r'data-testid="panel-pending"[^>]*hx-get="([^"]+)"')


def placeholders(html: str) -> list[str]:
    """The URLs htmx loads, in the order of the page."""
    return PLACEHOLDER_URLS.findall(html)


def loaded(client, html: str) -> str:
    """The page once htmx has loaded each panel in its placeholder's place."""

    def load(match):
        assert 'hx-trigger="load"' in match.group(0) and 'hx-swap="outerHTML"' in match.group(0)
        response = client.get(match.group(1), headers={"HX-Request": "true"})
        assert response.status_code == 200
        return response.content.decode()

    return PLACEHOLDER.sub(load, html)


def dashboard_html(user, path: str = PATHS[0]) -> str:
    """The user's dashboard with every panel in it, by either path."""
    client = verified_client(user)
    if path == PATHS[1]:
        client.cookies[SCRIPTING_COOKIE] = "1"
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    if path == PATHS[1]:
        assert 'data-testid="due-item"' not in html  # the page itself reads no panel
        html = loaded(client, html)
        assert 'data-testid="panel-pending"' not in html
    return html
