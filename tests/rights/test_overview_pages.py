"""R4 and U3/U5: the overview's pages and API, for the one who handles the request and for no
one else (S1); R2: nothing before the identity is recorded."""

import json

import pytest

from rights.constants import LetterKind
from rights.models import Letter
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.outcome_fixtures import REPORTER, OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


world_built, world = per_module(lambda: OutcomeWorld(kennemerland()), name="world")


def outsiders(world):
    """The uitvoerder of another Veiligheidshuis, an external partner, a deelnemer."""
    return [world.other_uitvoerder, world.partner, world.deelnemer]


def test_r4_u3_the_handler_previews_makes_and_downloads_the_overview(world):
    subject_request = world.request()
    client = verified_client(world.keeper)
    base = f"/rechten/verzoeken/{subject_request.number}/"
    preview = client.get(base + "overzicht/")
    assert preview.status_code == 200
    assert "Bedreigde een buurman met geweld." in preview.content.decode()
    assert REPORTER[0] not in preview.content.decode()
    made = client.post(base + "overzicht/")
    assert made.status_code == 302
    letter = Letter.objects.get(request=subject_request, kind=LetterKind.ACCESS)
    page = client.get(base + "uitkomsten/")
    assert f"/brieven/{letter.pk}/pdf" in page.content.decode()
    download = client.get(base + f"brieven/{letter.pk}/pdf")
    assert download["Content-Type"] == "application/pdf"
    assert "Overzicht van uw gegevens" in pdf_text(
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    assert AuditEntry.objects.filter(
        object_pk=str(letter.pk), additional_data__read="export"
    ).exists()
    copy = client.get(base + "overzicht.json")
    assert copy["Content-Disposition"].startswith("attachment")
    assert len(json.loads(copy.content)["dossiers"]) == 3


def test_r4_s1_no_one_else_sees_the_overview_page(world):
    subject_request = world.request()
    base = f"/rechten/verzoeken/{subject_request.number}/"
    for user in outsiders(world):
        client = verified_client(user)
        for path in ("uitkomsten/", "overzicht/", "overzicht.json"):
            assert client.get(base + path).status_code == 404, (user, path)
        assert client.post(base + "overzicht/").status_code == 404
    assert not Letter.objects.filter(request=subject_request).exists()


def test_r2_the_pages_disclose_nothing_before_the_identity_is_recorded(world):
    subject_request = world.request(identified=False)
    client = verified_client(world.keeper)
    base = f"/rechten/verzoeken/{subject_request.number}/"
    for path in ("overzicht/", "overzicht.json", "beperking/", "wijzigingen/rectificatie/"):
        response = client.get(base + path)
        assert response.status_code == 302 and response["Location"] == base + "uitkomsten/"
    page = client.get(base + "uitkomsten/").content.decode()
    assert 'data-testid="identity-first"' in page
    assert "Piet" not in page.split('data-testid="request-outcomes"')[1]
    assert client.post(base + "overzicht/").status_code == 302
    assert not Letter.objects.filter(request=subject_request).exists()


def test_r4_u5_the_api_gives_the_overview_to_the_handler_only(world):
    subject_request = world.request()
    url = f"/api/v1/verzoeken/{subject_request.number}/overzicht"
    answer = verified_client(world.keeper).get(url)
    assert answer.status_code == 200
    assert {d["dossier"] for d in answer.json()["dossiers"]} == {k for _l, k in world.refs()}
    made = verified_client(world.keeper).post(url)
    assert made.status_code == 201 and made.json()["kind"] == LetterKind.ACCESS
    pdf = verified_client(world.keeper).get(
        f"/api/v1/verzoeken/{subject_request.number}/uitkomstbrieven/{made.json()['id']}"
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    for user in outsiders(world):
        assert verified_client(user).get(url).status_code == 404
        assert verified_client(user).post(url).status_code == 404


def test_r2_u5_the_api_refuses_the_overview_before_the_identity_is_recorded(world):
    subject_request = world.request(identified=False)
    url = f"/api/v1/verzoeken/{subject_request.number}/overzicht"
    answer = verified_client(world.keeper).get(url)
    assert answer.status_code == 400
    assert answer.json()["invalidParams"][0]["name"] == "nonFieldErrors"
    assert "identiteit" in answer.json()["invalidParams"][0]["reason"]
