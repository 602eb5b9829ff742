"""U4 (Words): no rendered page contains a requirement code, and the Dutch sign-in speaks Dutch.

A crawler signs in as a demo user of each function, starts at the dashboard and follows the
same-origin links of every page it reaches, breadth first, GET only: the menu, the panels, the
lists, the dossiers. It skips signing out, the language switch, downloads and the API, and reads
at most a few pages per view (the tenth dossier reads like the first) and ~150 pages per user.
Codes stay in the code, the tests and the decision records; a user reads what is wrong and what
to do. References to the law itself ("AVG 34") may stay."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties.models import User
from tests.conftest import totp_now, verified_client
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# A requirement ID (P6, C8, W12, U4) or a reference to the covenant's articles (VH 9.3, CTER 12).
CODE = re.compile(r"\b[WBCPRISUOK]\d{1,2}\b|\b(?:VH|CTER) \d")
# One demo user per function, and the two kinds of external partner.
USERS = [
    "beheerder",
    "uitvoerder",
    "fg",
    "voorzitter.kennemerland",
    "politie",
    "om",
    "rvdk",
    "reclassering",
    "extern",
]
MAX_PAGES = 150
PER_VIEW = 3
SKIPPED = ("/account/logout/", "/i18n/", "/api/", "/admin/", "/static/", "/media/")
DOWNLOADS = re.compile(r"(export|download|pdf|csv|bestand|qrcode)", re.I)


class Text(HTMLParser):
    """The text a reader sees (no script or style), and the links of the page."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attributes.get(name):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def read(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    return parser


def follow(href: str, here: str) -> str | None:
    """The same-origin path of a link worth following, or None."""
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not href:
        return None
    if href.startswith("?"):
        href = urlsplit(here).path + href
    elif not href.startswith("/"):
        return None
    if href.startswith(SKIPPED) or DOWNLOADS.search(urlsplit(href).path):
        return None
    return href


def data_codes() -> re.Pattern:
    """The codes that are data, not requirements: the referentiekader's criteria ("R1 Uitingen
    die geweld ...") are named by the code the beheerder gave them."""
    from weegploeg.models import Criterion

    named = {
        re.escape(f"{code} {title.split()[0]}")
        for code, title in Criterion.objects.values_list("code", "title")
        if title
    }
    return re.compile("|".join(sorted(named)) or r"(?!)")


def crawl(client) -> tuple[dict[str, list[str]], int]:
    """Every page reachable from the dashboard: {url: offending snippets}, pages read."""
    queue, seen, per_view, found, read_pages = deque(["/"]), {"/"}, {}, {}, 0
    criteria = data_codes()
    while queue and read_pages < MAX_PAGES:
        url = queue.popleft()
        try:
            view = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if per_view.get(view, 0) >= PER_VIEW:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per_view[view] = per_view.get(view, 0) + 1
        read_pages += 1
        page = read(response.content.decode())
        text = criteria.sub("", page.text)
        snippets = [text[max(0, m.start() - 60) : m.end() + 30] for m in CODE.finditer(text)]
        if snippets:
            found[url] = snippets
        for href in page.links:
            target = follow(href, url)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return found, read_pages


@pytest.fixture
def seeded(demo_data):
    """The grounds and the demo (`demo_data`)."""


def test_u4_no_page_a_user_reaches_contains_a_requirement_code(seeded):
    """U4: what every function reads, crawled from its dashboard, names no requirement code.
    One demo for every user (seeding it takes longer than a user's crawl): each user's
    crawl is reported on its own."""
    problems = []
    for username in USERS:
        client = verified_client(User.objects.get(username=username))
        found, pages = crawl(client)
        if pages <= 1:
            problems.append(f"{username}: the crawler reached no page beyond the dashboard")
        for url, snippets in found.items():
            lines = "\n".join(f"    …{snippet}…" for snippet in snippets)
            problems.append(f"{username} of {pages} pages: {url}\n{lines}")
    assert not problems, "\n".join(problems)


# --- the Dutch sign-in speaks Dutch ---

ENGLISH = re.compile(
    r"\b(Token|Sign in|Sign out|Password|Next|Back|Previous|Username|Log in|Login|Submit|"
    r"Enter|Invalid|Please|Remember|Backup|Locked|Account)\b"
)
LOGIN = "/account/login/"
STEP = "sign_in_view-current_step"


def english_in(html: str) -> list[str]:
    return ENGLISH.findall(read(html).text)


def post_password(client, username, password, address="10.0.9.1"):
    return client.post(
        LOGIN,
        {STEP: "auth", "auth-username": username, "auth-password": password},
        REMOTE_ADDR=address,
    )


def test_u4_the_dutch_sign_in_page_has_no_english(client):
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert english_in(page.content.decode()) == []


def test_u4_the_dutch_code_step_and_its_refusals_have_no_english(client, deelnemer):
    """The code step: its label, a malformed code and a wrong code, all in Dutch."""
    step = post_password(client, "agent", TEST_PASSWORD).content.decode()
    assert 'name="token-otp_token"' in step
    assert "Code uit uw authenticator-app" in step
    assert english_in(step) == []
    malformed = client.post(LOGIN, {STEP: "token", "token-otp_token": "12"}).content.decode()
    assert english_in(malformed) == []
    wrong = client.post(LOGIN, {STEP: "token", "token-otp_token": "000000"}).content.decode()
    assert "Deze code klopt niet" in wrong
    assert english_in(wrong) == []
    # Right after a wrong code, django-otp holds the next attempt back for a moment: in Dutch.
    right = totp_now(TOTPDevice.objects.get(user=deelnemer))
    held = client.post(LOGIN, {STEP: "token", "token-otp_token": right}).content.decode()
    assert "Te vaak achter elkaar een verkeerde code" in held
    assert english_in(held) == []


def test_u4_the_dutch_lock_out_page_has_no_english(client, deelnemer, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "agent", "fout-wachtwoord", address=f"10.0.8.{attempt}")
    locked = post_password(client, "agent", TEST_PASSWORD, address="10.0.8.200")
    assert locked.status_code == 429
    assert english_in(locked.content.decode()) == []


def test_u4_the_english_sign_in_speaks_english(client, deelnemer):
    """The same words exist in English: the code step is not stuck in one language."""
    client.cookies["django_language"] = "en"
    step = post_password(client, "agent", TEST_PASSWORD).content.decode()
    assert "Code from your authenticator app" in step
