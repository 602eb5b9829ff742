"""S3: the answers the AP's notification form asks, as text to copy and as a .txt download, and
the register entry as a PDF for the controller (read back with pypdf); each download logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from security.models import AuditEntry
from security.models.incidents import IncidentKind
from security.services import incidents
from tests.conftest import verified_client
from tests.factories import data_file
from tests.rights.pdf_text import pdf_text
from tests.security.incidents.fixtures import WHAT

pytestmark = pytest.mark.django_db


@pytest.fixture
def breach(world):
    incident = world.report(discovered_at=timezone.now() - timedelta(hours=5))
    incidents.update_assessment(
        incident,
        by=world.fg,
        kind=IncidentKind.DATA_BREACH,
        nature=["read", "copied"],
        data_kinds="Namen en politiegegevens",
        criminal_data=True,
        people_count=40,
        people_estimated=True,
        files=[data_file(world.region)],
        measures_before="Niet versleuteld",
        measures_after="Mail teruggehaald",
        consequences="Stigmatisering",
        contact="F. Gegevens, FG, 023 000 0000",
        ap_decision="notify",
        ap_reasons="Hoog risico",
        subjects_decision="inform",
        subjects_reasons="Hoog risico voor betrokkenen",
    )
    incidents.record_notification(
        incident, by=world.fg, notified_at=timezone.now(), reference="AP-98765"
    )
    return incident


def test_s3_the_ap_form_answers_to_copy_and_download(world, breach):
    client = verified_client(world.fg)
    base = f"/toezicht/incidenten/{breach.number}/"
    page = client.get(f"{base}meldformulier/")
    assert page.status_code == 200
    text = page.context["text"]
    for expected in (
        "Veiligheidshuis Kennemerland",
        "F. Gegevens, FG",
        WHAT,
        "Ingezien, Gekopieerd",
        "40 (schatting)",
        "Strafrechtelijke gegevens: Ja",
        "Niet versleuteld",
        "Mail teruggehaald",
        "AP-98765",
        "andere EU-landen",
    ):
        assert expected in text, expected
    download = client.get(f"{base}meldformulier.txt")
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{breach.number}-meldformulier.txt"'
    )
    assert download.content.decode() == text
    reads = AuditEntry.objects.get_for_object(breach).filter(action=AuditEntry.Action.ACCESS)
    assert reads.count() == 2  # the page and the download


def test_s3_the_register_entry_as_pdf(world, breach):
    response = verified_client(world.uitvoerder).get(
        f"/toezicht/incidenten/{breach.number}/register.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert breach.number in text
    assert "Datalek" in text and "AP-98765" in text and "Veiligheidshuis Kennemerland" in text
