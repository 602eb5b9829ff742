"""Issue 13 ("Past one machine"), S4, S2: the client's address comes from `X-Forwarded-For`
only when the request comes from a trusted proxy, and then it is the right-most address that is
not itself a trusted proxy. The lock-out per address and the audit trail both go by it: behind
the load balancer two clients are locked out separately and the audit entry names the real
address; from anywhere else the header is ignored, so a made-up one dodges nothing."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.client_address import client_address, client_port
from parties.constants import Function
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import make_user
from tests.parties.test_signin import LOGIN, STEP

BALANCER = "10.1.0.5"
TRUSTED = ["10.1.0.0/24", "2001:db8::/64"]


@pytest.fixture
def behind_balancer(settings):
    settings.TRUSTED_PROXIES = TRUSTED


def request_from(remote, forwarded=None, port=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    if port is not None:
        headers["HTTP_X_FORWARDED_PORT"] = port
    return RequestFactory().get("/", **headers)


def test_issue13_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    request = request_from("192.0.2.7", "198.51.100.1", port="5555")
    assert client_address(request) == "192.0.2.7"
    assert client_port(request) is None


def test_issue13_from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(
    behind_balancer,
):
    # The client made up the left part; the balancer appended what it saw.
    assert client_address(request_from(BALANCER, "1.2.3.4, 198.51.100.9")) == "198.51.100.9"
    # Two proxies in a row, both trusted: skipped.
    assert client_address(request_from(BALANCER, "198.51.100.9, 10.1.0.7")) == "198.51.100.9"
    # Ports and brackets as proxies write them, IPv4 mapped into IPv6.
    assert client_address(request_from(BALANCER, "198.51.100.9:4711")) == "198.51.100.9"
    assert client_address(request_from(BALANCER, "[2001:db8:1::5]:443")) == "2001:db8:1::5"
    assert client_address(request_from(BALANCER, "::ffff:198.51.100.9")) == "198.51.100.9"
    assert client_address(request_from("2001:db8::1", "198.51.100.9")) == "198.51.100.9"
    # No header, or nothing but garbage: the connection's address.
    assert client_address(request_from(BALANCER)) == BALANCER
    assert client_address(request_from(BALANCER, "unknown")) == BALANCER
    # Garbage left of a trusted hop is the client's own writing: the hop before it counts.
    assert client_address(request_from(BALANCER, "evil, 198.51.100.9")) == "198.51.100.9"
    assert client_port(request_from(BALANCER, "198.51.100.9", port="5555")) == 5555


def test_issue13_from_an_untrusted_source_the_header_is_ignored(behind_balancer):
    assert client_address(request_from("192.0.2.7", "198.51.100.9")) == "192.0.2.7"
    assert client_port(request_from("192.0.2.7", "198.51.100.9", port="5555")) is None


def post_password(client, username, password, *, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        LOGIN, {STEP: "auth", "auth-username": username, "auth-password": password}, **headers
    )


def is_locked_out(response) -> bool:
    return response.status_code == 429


@pytest.mark.django_db
def test_issue13_s4_two_clients_behind_one_proxy_are_locked_out_separately(
    client, behind_balancer, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(
            client, f"onbekend{attempt}", "fout", remote=BALANCER, forwarded="198.51.100.1"
        )
    locked = post_password(client, "iemand", "fout", remote=BALANCER, forwarded="198.51.100.1")
    assert is_locked_out(locked)
    # Another client behind the same balancer is not locked out.
    other = post_password(client, "iemand", "fout", remote=BALANCER, forwarded="198.51.100.2")
    assert not is_locked_out(other)


@pytest.mark.django_db
def test_issue13_s4_a_made_up_header_from_an_untrusted_source_does_not_dodge_the_lock_out(
    client, behind_balancer, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(
            client,
            f"onbekend{attempt}",
            "fout",
            remote="192.0.2.7",
            forwarded=f"203.0.113.{attempt}",
        )
    response = post_password(client, "iemand", "fout", remote="192.0.2.7", forwarded="203.0.113.99")
    assert is_locked_out(response)


@pytest.mark.django_db
def test_issue13_s2_the_audit_entry_records_the_real_address(behind_balancer, gemeente, politie):
    beheerder = make_user(gemeente, Function.BEHEERDER, username="beheerder")
    agent = make_user(politie)
    client = verified_client(beheerder)
    url = reverse("parties:user-detail", kwargs={"pk": agent.pk})
    client.get(url, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    client.get(url, REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="198.51.100.9")
    entries = AuditEntry.objects.get_for_object(agent).filter(action=AuditEntry.Action.ACCESS)
    assert list(entries.order_by("pk").values_list("remote_addr", flat=True)) == [
        "198.51.100.9",
        "192.0.2.7",
    ]
