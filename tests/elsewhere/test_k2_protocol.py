"""K2: the protocol endpoint in this process, as the reverse proxy hands requests to it: the
peer is known by the client certificate the trusted proxy passes on; a question is the
pseudonyms of one person; every call of a peer is recorded, refused ones too."""

import json
from urllib.parse import quote

import pytest
from auditlog import get_logentry_model
from django.core.cache import cache

from elsewhere import pseudonyms
from elsewhere.models import IncomingCheck
from elsewhere.remote import WIRE_FIELDS
from tests.elsewhere.k2_data import NOBODY, PIET, SHARED_KEY, Installation
from tests.elsewhere.k2_pki import make_pki

pytestmark = pytest.mark.django_db

PATH = "/api/v1/bekend-elders/vragen"
PROXY = "127.0.0.1"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("k2-pki"))


@pytest.fixture(autouse=True)
def shared(settings):
    settings.KNOWN_ELSEWHERE_KEY = SHARED_KEY
    settings.TRUSTED_PROXIES = [PROXY]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def here():
    return Installation("twente", "Veiligheidshuis Twente")


@pytest.fixture
def peer(here, pki):
    return here.add_peer(
        "Installatie Noord", base_url="https://noord.example.nl", certificate=pki.client_b.pem
    )


def question(identity=PIET, **overrides) -> dict:
    body = {"keyId": pseudonyms.key_id(), "pseudonyms": dict(pseudonyms.of_identity(identity))}
    body.update(overrides)
    return body


def ask(client, body, *, pem=None, verify="SUCCESS", address=PROXY):
    headers = {"REMOTE_ADDR": address}
    if pem is not None:
        headers["HTTP_X_CLIENT_CERTIFICATE"] = quote(pem)  # as nginx's $ssl_client_escaped_cert
        headers["HTTP_X_CLIENT_VERIFY"] = verify
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(PATH, data=data, content_type="application/json", **headers)


def test_k2_a_peer_is_answered_hit_with_contact_only_and_the_holding_trail_names_it(
    client, here, peer, pki
):
    response = ask(client, question(), pem=pki.client_b.pem)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"answers"}
    [answer] = body["answers"]
    assert set(answer) == set(WIRE_FIELDS)
    assert answer["veiligheidshuis"] == "Veiligheidshuis Twente"
    assert answer["file"] == "weegploeg"
    assert answer["state"] == "active" and answer["match"] == "hit"
    assert here.wp.uitvoerder.email in answer["contact"]
    text = response.content.decode()
    assert here.assessment.number not in text and "Jansen" not in text
    record = IncomingCheck.objects.get()
    assert (record.peer, record.pseudonym_count, record.hit_count, record.refused) == (
        peer,
        2,
        1,
        "",
    )
    entries = get_logentry_model().objects.filter(
        additional_data__known_elsewhere__asked_by=peer.name
    )
    assert entries.count() == 1


def test_k2_a_miss_is_an_empty_answer_and_recorded(client, peer, pki):
    response = ask(client, question(NOBODY), pem=pki.client_b.pem)
    assert response.status_code == 200
    assert response.json() == {"answers": []}
    assert IncomingCheck.objects.get().hit_count == 0


def test_k2_a_peer_is_answered_only_about_the_files_configured_for_it(client, here, peer, pki):
    from elsewhere.peers import services

    services.change_peer(peer, files=[], by=here.beheerder, reason="Geen bestanden meer")
    response = ask(client, question(), pem=pki.client_b.pem)
    assert response.status_code == 200
    assert response.json() == {"answers": []}


@pytest.mark.parametrize(
    "case", ["no certificate", "not verified", "untrusted address", "unknown", "inactive"]
)
def test_k2_a_caller_without_a_valid_client_certificate_of_an_active_peer_gets_403(
    client, here, peer, pki, case
):
    from elsewhere.peers import services

    pem, verify, address = pki.client_b.pem, "SUCCESS", PROXY
    if case == "no certificate":
        pem = None
    elif case == "not verified":
        verify = "FAILED:unable to verify the first certificate"
    elif case == "untrusted address":
        address = "10.20.30.40"  # wrote the headers itself: not through the proxy
    elif case == "unknown":
        pem = pki.stranger.pem
    else:
        services.deactivate_peer(peer, by=here.beheerder, reason="Aansluiting beëindigd")
    response = ask(client, question(), pem=pem, verify=verify, address=address)
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "answers" not in response.json()
    assert not IncomingCheck.objects.filter(hit_count__gt=0).exists()


def _two_people():
    body = question()
    body["pseudonyms"]["name"] = [body["pseudonyms"]["name"], "a" * 64]
    return body


def _more_kinds():
    body = question()
    body["pseudonyms"]["email"] = "b" * 64
    return body


def _four_values():
    body = question()
    body["pseudonyms"].update(bsn="c" * 64, bsn2="d" * 64)
    return body


def _malformed():
    body = question()
    body["pseudonyms"]["surname"] = "Jansen"
    return body


def _extra_field():
    return question(asker="uitvoerder@example.org")


@pytest.mark.parametrize(
    "make,field",
    [
        (_two_people, "pseudonyms.name"),
        (_more_kinds, "pseudonyms.email"),
        (_four_values, "pseudonyms"),
        (_malformed, "pseudonyms.surname"),
        (_extra_field, "asker"),
        (lambda: [question(), question(NOBODY)], "body"),
        (lambda: question(pseudonyms=[question()["pseudonyms"]]), "pseudonyms"),
        (lambda: "{not json", "body"),
    ],
)
def test_k2_anything_but_the_pseudonyms_of_one_person_is_refused_and_logged(
    client, peer, pki, make, field
):
    response = ask(client, make(), pem=pki.client_b.pem)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in {param["name"] for param in response.json()["invalidParams"]}
    assert "answers" not in response.json()
    record = IncomingCheck.objects.get()
    assert (record.peer, record.refused, record.hit_count) == (peer, "enumeration", 0)


def test_k2_a_question_under_another_key_is_refused_as_other_key_and_logged(client, peer, pki):
    response = ask(client, question(keyId="0123456789abcdef"), pem=pki.client_b.pem)
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert IncomingCheck.objects.get().refused == "key"


def test_k2_a_peer_over_its_limit_per_minute_gets_429_and_the_refusal_is_logged(
    client, here, peer, pki
):
    from elsewhere.peers import services

    services.change_peer(peer, requests_per_minute=2, by=here.beheerder, reason="Lager limiet")
    statuses = [ask(client, question(), pem=pki.client_b.pem).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = ask(client, question(), pem=pki.client_b.pem)
    assert refused["Content-Type"] == PROBLEM and int(refused["Retry-After"]) >= 1
    assert list(IncomingCheck.objects.order_by("pk").values_list("refused", flat=True)) == [
        "",
        "",
        "rate",
        "rate",
    ]


def test_k2_the_exemption_is_this_endpoint_and_post_only_every_other_api_stays_closed(
    client, peer, pki
):
    headers = {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_CLIENT_CERTIFICATE": quote(pki.client_b.pem),
        "HTTP_X_CLIENT_VERIFY": "SUCCESS",
    }
    assert client.get(PATH, **headers).status_code == 401
    assert client.get("/api/v1/partijen", **headers).status_code == 401
    response = client.post(
        "/api/v1/wegingen", data="{}", content_type="application/json", **headers
    )
    assert response.status_code == 401
    assert client.post(PATH + "/", data="{}", content_type="application/json").status_code in (
        401,
        404,
    )
    assert client.get("/bekend-elders/installaties/", **headers).status_code == 302


def test_k2_the_openapi_document_describes_the_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/bekend-elders/vragen"]["post"]
    assert {"200", "400", "403", "409", "429"} <= set(operation["responses"])
    schemas = document["components"]["schemas"]
    assert set(schemas["KnownElsewhereQuestionRequest"]["properties"]) == {"keyId", "pseudonyms"}
    assert set(schemas["KnownElsewhereAnswers"]["properties"]) == {"answers"}
