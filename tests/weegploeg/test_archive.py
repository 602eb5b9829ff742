"""The archive of the weegploeg (B3, B5; CTER 13.2-13.3): archived dossiers out of the lists
unless filtered for, page and API alike; open by their page to the kernpartijen with a banner,
every read logged (S2); nothing changes in the archive until the controller's instruction
reactivates it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.weegploeg.factories import analyse, declared, signal
from weegploeg import services
from weegploeg.constants import CheckOutcome, Outcome
from weegploeg.services.retention import archive

pytestmark = pytest.mark.django_db

BANNER = "Dit dossier is gearchiveerd"


wp_built, wp = per_module(lambda: declared(kennemerland()), name="wp")


def decided(wp, surname, outcome=Outcome.NOT_SUBSTANTIAL):
    assessment = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": surname}
    ).assessment
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=outcome,
        reasons="Onvoldoende.",
        decided_on=date(2026, 11, 20),
        advice_to_driehoek="Agenderen." if outcome == Outcome.AGENDEREN else "",
    )
    return assessment


@pytest.fixture
def dossiers(wp):
    kept = decided(wp, "Visser")
    old = decided(wp, "Smit")
    archive(old, by=None)
    old.refresh_from_db()
    return kept, old


def page(client, **params) -> str:
    response = client.get(reverse("weegploeg:assessment-list"), params)
    assert response.status_code == 200
    return response.content.decode()


def api(client, **params) -> list[str]:
    response = client.get("/api/v1/wegingen", params)
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_b3_the_lists_leave_archived_dossiers_out_unless_filtered_for(wp, dossiers):
    kept, old = dossiers
    agent = verified_client(wp.agent)
    text = page(agent)
    assert kept.number in text and old.number not in text
    assert api(agent) == [kept.number]
    # "Beslist" shows the decided dossiers that are not archived.
    assert old.number not in page(agent, status="decided")
    assert api(agent, status="decided") == [kept.number]
    text = page(agent, status="archived")
    assert old.number in text and kept.number not in text
    assert "Alle behalve gearchiveerd" in text and "Gearchiveerd" in text
    assert api(agent, status="archived") == [old.number]
    assert client_status(agent, "/api/v1/wegingen?status=weg") == 400
    # A casuspartij learns nothing of the weegploeg, archived or not (W4, CTER 13.2).
    raad = verified_client(wp.raad)
    assert raad.get(reverse("weegploeg:assessment-list"), {"status": "archived"}).status_code == 404
    assert raad.get("/api/v1/wegingen", {"status": "archived"}).status_code in {403, 404}


def client_status(client, url) -> int:
    return client.get(url).status_code


def test_b3_s2_an_archived_dossier_opens_by_its_page_with_a_banner_and_every_read_logged(
    wp, dossiers
):
    _kept, old = dossiers
    url = reverse("weegploeg:assessment-detail", args=[old.number])
    for user in (wp.agent, wp.uitvoerder):
        response = verified_client(user).get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert BANNER in text and "aanwijzing van de verantwoordelijke" in text
        assert 'data-testid="actions"' not in text
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, file_label="weegploeg", dossier_key=old.number
    )
    assert {entry.actor for entry in reads} >= {wp.agent, wp.uitvoerder}
    before = reads.filter(actor=wp.agent).count()
    assert verified_client(wp.agent).get(f"/api/v1/wegingen/{old.number}").status_code == 200
    assert reads.filter(actor=wp.agent).count() == before + 1
    # The casuspartij and the partner get 404, page and API.
    for user in (wp.raad, wp.partner):
        assert verified_client(user).get(url).status_code == 404
        assert verified_client(user).get(f"/api/v1/wegingen/{old.number}").status_code in {
            403,
            404,
        }


def test_b3_b5_nothing_changes_in_the_archive_pages_api_and_services(wp, dossiers):
    kept, old = dossiers
    keeper = verified_client(wp.uitvoerder)
    for name in ("reopen", "check-create", "agendering"):
        response = keeper.get(reverse(f"weegploeg:{name}", args=[old.number]), follow=True)
        assert response.redirect_chain, name
        assert BANNER in response.content.decode(), name
    with pytest.raises(ValidationError):
        services.reopen(old, by=wp.uitvoerder, reason="Nieuwe signalen.")
    with pytest.raises(ValidationError):
        services.record_check(old, by=wp.uitvoerder, outcome=CheckOutcome.CORRECT)
    with pytest.raises(ValidationError):
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=old)
    # The dossier that is not archived still changes.
    services.record_check(kept, by=wp.uitvoerder, outcome=CheckOutcome.CORRECT)
