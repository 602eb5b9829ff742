"""Issue 13, "Past one machine", run for real: the project's nginx configuration
(`deploy/nginx.conf`, the load balancer of docker-compose.yml) in front of two gunicorn
processes on one PostgreSQL, with `TRUSTED_PROXIES` set to the balancer's address as the compose
file sets it.

- The web processes keep no state of their own: a signed-in user goes on working when either
  process stops, and is served by the other with the same session (O2).
- The client's address is the one the balancer saw, not the balancer's and not what the client
  wrote in `X-Forwarded-For`: a lock-out per address (S4) locks out one client and not everyone
  behind the balancer, and the sign-in attempts are recorded with the client's address (S2)."""

import psycopg
import pytest

from tests.load.balancer import Client, Nginx, nginx_bin
from tests.load.processes import Gunicorn, wait_until
from tests.load.processes import project_environment as environment

LOGIN = "/account/login/"
STEP = "sign_in_view-current_step"
# Addresses of the loopback network the clients connect from; the balancer connects to the
# web processes from 127.0.0.1, its address in TRUSTED_PROXIES.
CLIENT, OTHER_CLIENT = "127.0.0.51", "127.0.0.52"
FAILURES = 3


@pytest.fixture
def balanced(load_site, tmp_path):
    if nginx_bin() is None:
        pytest.skip("nginx is not installed (`make test` installs it)")
    env = environment(
        DATABASE_URL=load_site.database_url,
        DATABASE_CONN_MAX_AGE="60",
        TRUSTED_PROXIES="127.0.0.1",
        LOCKOUT_FAILURES=str(FAILURES),
    )
    webs = [
        Gunicorn(env, workers=1, log=tmp_path / f"web-{number}.log").start() for number in (1, 2)
    ]
    nginx = Nginx([web.port for web in webs]).start()
    yield webs, nginx
    nginx.stop()
    for web in webs:
        web.stop()


def _signed_in(load_site, nginx) -> Client:
    client = Client(nginx.port, source=CLIENT)
    client.cookies["sessionid"] = load_site.sessions["uitvoerder"][0]
    return client


def test_issue13_o2_either_web_process_serves_a_signed_in_user_behind_the_balancer(
    load_site, balanced
):
    (first, second), nginx = balanced
    client = _signed_in(load_site, nginx)
    assert [client.get("/").status for _ in range(4)] == [200] * 4

    first.stop()
    assert [client.get("/").status for _ in range(4)] == [200] * 4

    first.start()
    second.stop()
    # nginx takes the first process back once its fail_timeout (10 s) has passed.
    wait_until(lambda: client.get("/").status == 200, seconds=30, every=0.5, what="a 200")
    assert [client.get("/").status for _ in range(4)] == [200] * 4
    for web in (first, second):
        log = web.log.read_text()
        assert "Traceback" not in log and "Internal Server Error" not in log


def _fail_sign_in(client: Client, username: str, *, claimed: str) -> int:
    page = client.get(LOGIN, headers={"X-Forwarded-For": claimed})
    assert page.status in (200, 429), page.status
    token = client.cookies.get("csrftoken", "")
    answer = client.post(
        LOGIN,
        {
            "csrfmiddlewaretoken": token,
            STEP: "auth",
            "auth-username": username,
            "auth-password": "niet-het-wachtwoord",
        },
        headers={"X-Forwarded-For": claimed},
    )
    return answer.status


def _attempt_addresses(load_site, usernames) -> set[str]:
    url = load_site.database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT DISTINCT host(ip_address) FROM axes_accessattempt WHERE username = ANY(%s)",
            [list(usernames)],
        ).fetchall()
    return {row[0] for row in rows}


def test_issue13_s4_s2_the_balancer_names_the_client_and_locks_out_only_that_client(
    load_site, balanced
):
    _, nginx = balanced
    client = Client(nginx.port, source=CLIENT)
    # The client claims another address in X-Forwarded-For: the balancer appends the one it
    # saw, and the application believes only that.
    names = [f"balancer-{number}" for number in range(FAILURES)]
    statuses = [_fail_sign_in(client, name, claimed="198.51.100.7") for name in names]
    assert statuses[:-1] == [200] * (len(names) - 1)
    assert _attempt_addresses(load_site, names) == {CLIENT}

    # Locked out by address (other user names every time), whatever it claims to be.
    assert _fail_sign_in(client, "balancer-next", claimed=OTHER_CLIENT) == 429
    # Another client behind the same balancer is not.
    other = Client(nginx.port, source=OTHER_CLIENT)
    assert _fail_sign_in(other, "balancer-other", claimed="198.51.100.7") == 200
    assert _attempt_addresses(load_site, ["balancer-other"]) == {OTHER_CLIENT}


def test_k2_a_caller_cannot_name_a_peer_certificate_through_the_balancer(
    load_site, balanced, tmp_path
):
    """K2, ADR 0026: the application believes the client-certificate headers from a trusted
    proxy only, so the ordinary balancer must drop them: a caller that writes a configured
    peer's certificate into them itself is refused (403), not taken for the peer."""
    from urllib.parse import quote

    from tests.elsewhere.k2_pki import make_pki

    (tmp_path / "pki").mkdir()
    pki = make_pki(tmp_path / "pki")
    with psycopg.connect(load_site.database_url, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO elsewhere_peer (name, base_url, certificate, fingerprint, "
            "requests_per_minute, active) VALUES (%s, %s, %s, %s, 30, true)",
            (
                "Balancer test peer",
                "https://peer.invalid",
                pki.client_b.pem,
                pki.client_b.fingerprint,
            ),
        )
    _webs, nginx = balanced
    forged = {
        "X-Client-Certificate": quote(pki.client_b.pem),
        "X-Client-Verify": "SUCCESS",
    }
    answer = Client(nginx.port, source=CLIENT).post(
        "/api/v1/bekend-elders/vragen", {"keyId": "x"}, headers=forged
    )
    assert answer.status == 403, answer.status
