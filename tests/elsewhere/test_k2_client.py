"""K2: the asking side's rules that need no second installation: no peer is asked without the
shared key and a client certificate; an answer with anything but the protocol's fields counts
as no answer; a peer is configured with an HTTPS address only."""

import http.client
import json

import pytest
from django.core.exceptions import ValidationError

from elsewhere import pseudonyms, remote
from tests.elsewhere.k2_data import PIET, SHARED_KEY, Installation
from tests.elsewhere.k2_pki import make_pki

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("k2-client-pki"))


@pytest.fixture
def here(pki):
    here = Installation("twente", "Veiligheidshuis Twente", with_dossier=False)
    here.add_peer("Installatie Noord", base_url="https://127.0.0.1:9", certificate=pki.client_b.pem)
    return here


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a peer was asked")

    monkeypatch.setattr(http.client.HTTPSConnection, "request", refuse)


@pytest.mark.parametrize("missing", ["key", "certificate", "private key"])
def test_k2_without_the_shared_key_or_a_client_certificate_no_peer_is_asked(
    settings, here, pki, no_network, missing
):
    settings.KNOWN_ELSEWHERE_KEY = "" if missing == "key" else SHARED_KEY
    settings.KNOWN_ELSEWHERE_CLIENT_CERT = (
        "" if missing == "certificate" else str(pki.client_a.certificate)
    )
    settings.KNOWN_ELSEWHERE_CLIENT_KEY = "" if missing == "private key" else str(pki.client_a.key)
    outcome = remote.ask_peers(pseudonyms.of_identity(PIET), data_file=here.file)
    assert (outcome.asked, outcome.answers, outcome.unanswered) == ([], [], [])


def test_k2_an_unreadable_client_certificate_leaves_every_peer_unanswered(
    settings, here, no_network, tmp_path
):
    settings.KNOWN_ELSEWHERE_KEY = SHARED_KEY
    settings.KNOWN_ELSEWHERE_CLIENT_CERT = str(tmp_path / "missing.crt")
    settings.KNOWN_ELSEWHERE_CLIENT_KEY = str(tmp_path / "missing.key")
    outcome = remote.ask_peers(pseudonyms.of_identity(PIET), data_file=here.file)
    assert outcome.unanswered == ["Installatie Noord"]


GOOD = {
    "veiligheidshuis": "Veiligheidshuis Noord",
    "file": "weegploeg",
    "state": "active",
    "match": "hit",
    "contact": "U. Itvoerder <u@example.org>",
}


@pytest.mark.parametrize(
    "body",
    [
        {"answers": [{**GOOD, "number": "WP-2026-0001"}]},
        {"answers": [GOOD], "asked": "someone"},
        {"answers": [{**GOOD, "state": "destroyed"}]},
        {"answers": [{**GOOD, "match": "maybe"}]},
        {"answers": [{k: v for k, v in GOOD.items() if k != "contact"}]},
        {"answers": GOOD},
        [GOOD],
    ],
)
def test_k2_an_answer_with_anything_but_the_protocols_fields_counts_as_no_answer(body):
    with pytest.raises(remote.Unanswered):
        remote.read_answers(json.dumps(body).encode(), source="Installatie Noord")


def test_k2_an_answer_as_the_protocol_says_is_read_with_its_source():
    [answer] = remote.read_answers(json.dumps({"answers": [GOOD]}).encode(), source="Noord")
    assert (answer.veiligheidshuis, answer.source, answer.match) == (
        "Veiligheidshuis Noord",
        "Noord",
        "hit",
    )


def test_k2_a_peer_is_configured_with_an_https_address_only(here, pki):
    from elsewhere.peers import services

    with pytest.raises(ValidationError) as refused:
        here.add_peer("Plat", base_url="http://plat.example.nl", certificate=pki.client_c.pem)
    assert "base_url" in refused.value.error_dict
    assert services.Peer.objects.filter(name="Plat").count() == 0
