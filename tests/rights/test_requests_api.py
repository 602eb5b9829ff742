"""U5, R1-R3 in the API: /api/v1/verzoeken with the permissions of the pages (the uitvoerder
and its designated officers; 404 for a request one does not handle, 403 on the list for who
handles none), 400 with field and reason, If-Match on every change, and nothing of the files
before the identity is recorded (R2)."""

import pytest
from django.utils import timezone

from rights.constants import RequestState
from rights.models import Letter, SubjectRequest
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.rights.factories import Handlers, make_request

pytestmark = pytest.mark.django_db

BASE = "/api/v1/verzoeken"


@pytest.fixture
def h():
    return Handlers()


def intake(**overrides):
    return {
        "kinds": ["access"],
        "receivedOn": timezone.localdate().isoformat(),
        "channel": "email",
        "requesterKind": "subject",
        "surname": "Jansen",
        "givenNames": "Piet",
        "dateOfBirth": "1990-05-17",
        **overrides,
    }


def post(client, url, data=None, version=None):
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version is not None else {}
    return client.post(url, data or {}, content_type="application/json", **headers)


def invalid(response):
    assert response.status_code == 400, response.content
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize("who", ["uitvoerder", "officer"])
def test_u5_handlers_record_list_and_read_requests(h, who):
    client = verified_client(getattr(h, who))
    created = client.post(BASE, intake(), content_type="application/json")
    assert created.status_code == 201, created.content
    number = created.json()["number"]
    assert created["Location"].endswith(f"{BASE}/{number}")
    assert created["ETag"] == '"1"'
    listed = client.get(BASE).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["number"] for row in rows] == [number]
    assert "surname" not in rows[0]  # the list names no one
    detail = client.get(f"{BASE}/{number}")
    assert detail.status_code == 200 and detail.json()["surname"] == "Jansen"
    subject_request = SubjectRequest.objects.get(number=number)
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(subject_request.pk)
    )
    assert {e.additional_data["read"] for e in reads} >= {"list", "detail"}


def test_u5_the_uitvoerder_of_another_veiligheidshuis_gets_404(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region, identified=True)
    client = verified_client(h.other_uitvoerder)
    assert client.get(f"{BASE}/{subject_request.number}").status_code == 404
    for step in ("identiteit", "bevestigen", "verlengen", "afgerond", "ingetrokken"):
        response = post(client, f"{BASE}/{subject_request.number}/{step}", {}, version=2)
        assert response.status_code == 404
    assert client.get(f"{BASE}/{subject_request.number}/zoeken").status_code == 404
    created = client.post(
        BASE, intake(veiligheidshuis=h.region.code), content_type="application/json"
    )
    assert created.status_code == 404
    assert not SubjectRequest.objects.exclude(pk=subject_request.pk).exists()


def test_u5_a_partner_member_gets_403_on_the_list_and_404_on_a_request_as_on_its_page(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.member)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}/{subject_request.number}").status_code == 404
    assert client.post(BASE, intake(), content_type="application/json").status_code == 403


def test_u5_bad_input_is_400_with_field_and_reason(h):
    client = verified_client(h.uitvoerder)
    reasons = invalid(
        client.post(
            BASE,
            intake(kinds=["klacht"], bsn="123456789", dateOfBirth="gisteren"),
            content_type="application/json",
        )
    )
    assert {"kinds.0", "bsn", "dateOfBirth"} <= set(reasons)
    reasons = invalid(
        client.post(
            BASE,
            intake(kinds=["rectification"], requesterKind="representative"),
            content_type="application/json",
        )
    )
    assert {"explanation", "representation", "representativeName"} <= set(reasons)
    assert invalid(client.get(BASE, {"state": "kwijt"})).keys() == {"state"}


def test_r2_no_step_discloses_anything_before_the_identity(world):
    client = verified_client(world.keeper)
    number = client.post(BASE, intake(), content_type="application/json").json()["number"]
    url = f"{BASE}/{number}"
    search = client.get(f"{url}/zoeken")
    assert search.status_code == 400
    assert not any(ref.key in search.text for ref in world.refs)
    body = {"fileLabel": "ico", "dossierKey": world.ico_ref.key}
    assert post(client, f"{url}/bevestigen", body, version=1).status_code == 400
    assert post(client, f"{url}/verlengen", {"reasons": "Werk."}, version=1).status_code == 400
    assert post(client, f"{url}/afgerond", {}, version=1).status_code == 400
    assert not any(ref.key in client.get(url).text for ref in world.refs)
    assert not Letter.objects.exists()

    identity = post(client, f"{url}/identiteit", {"method": "digid"}, version=1)
    assert identity.status_code == 200 and identity["ETag"] == '"2"'
    found = client.get(f"{url}/zoeken").json()
    assert {(c["fileLabel"], c["dossierKey"]) for c in found} == {
        (r.file_label, r.key) for r in world.refs
    }
    confirmed = post(client, f"{url}/bevestigen", body, version=2)
    assert confirmed.status_code == 200
    assert confirmed.json()["dossiers"][0]["dossierKey"] == world.ico_ref.key
    assert confirmed.json()["state"] == RequestState.IN_PROGRESS
    taken_back = post(client, f"{url}/ontbevestigen", body, version=3)
    assert taken_back.status_code == 200 and taken_back.json()["dossiers"] == []


def test_s1_every_change_needs_if_match(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.officer)
    url = f"{BASE}/{subject_request.number}/identiteit"
    assert post(client, url, {"method": "digid"}).status_code == 428
    assert post(client, url, {"method": "digid"}, version=7).status_code == 412
    assert post(client, url, {"method": "digid"}, version=1).status_code == 200


def test_r3_extension_letter_sent_answered_and_withdrawn_through_the_api(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region, identified=True)
    client = verified_client(h.officer)
    url = f"{BASE}/{subject_request.number}"
    assert invalid(post(client, f"{url}/verlengen", {"reasons": ""}, version=2)).keys() == {
        "reasons"
    }
    extended = post(client, f"{url}/verlengen", {"reasons": "Veel werk."}, version=2)
    assert extended.status_code == 200 and extended.json()["extendedTo"]
    letter = extended.json()["letters"][0]
    assert letter["kind"] == "extension" and letter["sentOn"] is None
    again = post(client, f"{url}/verlengen", {"reasons": "Nog eens."}, version=3)
    assert again.status_code == 400
    sent = post(client, f"{url}/verlengingsbrief-verzonden", {"letter": letter["id"]})
    assert sent.status_code == 200 and sent.json()["letters"][0]["sentOn"]
    answered = post(client, f"{url}/afgerond", {}, version=3)
    assert answered.status_code == 200 and answered.json()["state"] == RequestState.DONE
    assert post(client, f"{url}/ingetrokken", {}, version=4).status_code == 400
    other = make_request(by=h.uitvoerder, region=h.region)
    withdrawn = post(client, f"{BASE}/{other.number}/ingetrokken", {}, version=1)
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == RequestState.WITHDRAWN
