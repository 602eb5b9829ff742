"""Fixtures of the load and fault tests (issue 13): a private PostgreSQL cluster with the demo
seeded and users signed in, gunicorn serving the project on it, a private Redis. Each runs as a
real process that a test may stop; none touches the system PostgreSQL or Redis."""

import http.cookiejar
import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.load.processes import Gunicorn, PrivatePostgres, PrivateRedis, postgres_bin, run_prepare
from tests.load.processes import project_environment as environment


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "load: starts real servers (PostgreSQL, Redis, gunicorn, Celery) to load or break; "
        "runs in `make test`, deselect with -m 'not load'",
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/load/" in str(item.fspath):
            item.add_marker(pytest.mark.load)


@dataclass
class Answer:
    status: int
    content_type: str
    body: str


def fetch(
    url: str,
    *,
    session: str | None = None,
    token: str | None = None,
    data=None,
    timeout: float = 15,
) -> Answer:
    """One request as a browser (session cookie) or a partner system (token) makes it; an
    HTTP error is an answer too."""
    headers = {"Accept-Language": "nl"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    if token:
        headers["Authorization"] = f"Token {token}"
    body = None
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(
                response.status, response.headers.get("Content-Type", ""), response.read().decode()
            )
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read().decode())


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer, as a test wants to see it


class Browser:
    """A signed-in browser: keeps its cookies (the session, the CSRF token), posts forms with
    the CSRF token of the page they came from, and does not follow redirects."""

    def __init__(self, base: str, session: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        host = urllib.parse.urlsplit(base).hostname
        self.cookies.set_cookie(
            http.cookiejar.Cookie(
                0,
                "sessionid",
                session,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects()
        )

    def _open(self, request) -> Answer:
        try:
            with self.opener.open(request, timeout=15) as response:
                return Answer(
                    response.status,
                    response.headers.get("Content-Type", ""),
                    response.read().decode(),
                )
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers.get("Content-Type", ""), error.read().decode())

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))


@pytest.fixture(scope="session")
def private_postgres(tmp_path_factory):
    """A PostgreSQL cluster of the tests' own, to stop and start. Skipped, with the reason,
    only where the server binaries are not installed."""
    binaries = postgres_bin()
    if binaries is None or not shutil.which("runuser"):
        pytest.skip("PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin)")
    cluster = PrivatePostgres(binaries).init()
    cluster.start()
    yield cluster
    cluster.remove()


@dataclass
class Site:
    """The prepared database: its URL, the signed-in sessions per role, a partner token."""

    database_url: str
    sessions: dict[str, list[str]]
    token: str
    party: int
    folder: Path


@pytest.fixture(scope="session")
def load_site(private_postgres, tmp_path_factory) -> Site:
    """Migrated, with the demo seeded (the users of every function and their dossiers), and
    ten signed-in sessions per role."""
    folder = tmp_path_factory.mktemp("load")
    url = private_postgres.create_database("veiligheidshuis")
    out = folder / "sessions.json"
    run_prepare(
        ["--out", str(out), "--migrate", "--seed-demo", "--per-role", "10", "--token"],
        # The sessions stay valid while the other tests run (the server pushes them on).
        env=environment(DATABASE_URL=url, SESSION_IDLE_MINUTES="120"),
    )
    prepared = json.loads(out.read_text())
    return Site(
        url, prepared["roles"], prepared["token"]["key"], prepared["token"]["party"], folder
    )


def database_url_of_tests() -> str:
    """The URL of the test database of this process (pytest-django's), for a server or worker
    process of a `transaction=True` test: it sees what the test committed."""
    from django.db import connection

    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )


@pytest.fixture
def server(load_site, request):
    """gunicorn, two workers, on the prepared database, with persistent connections as in
    production."""
    env = environment(DATABASE_URL=load_site.database_url, DATABASE_CONN_MAX_AGE="60")
    gunicorn = Gunicorn(env, log=load_site.folder / f"gunicorn-{request.node.name}.log").start()
    yield gunicorn
    gunicorn.stop()


@pytest.fixture
def private_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()
