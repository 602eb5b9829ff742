"""B8: the destruction report of a batch, as PDF and CSV, for the controller: a row per
destruction record in the files the user keeps (`kept_files`), nobody else's; the download is
logged (S2); nothing of the person is in it."""

import csv
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from retention.constants import Rule, Trigger
from retention.models import SweepRun
from retention.services.destruction import destroy_dossier
from security.models import AuditEntry
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory
from tests.retention.destruction_fixtures import person_dossier
from tests.rights.pdf_text import pdf_text
from tests.weegploeg.factories import Weegploeg, signal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ledger_file(settings, tmp_path):
    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"


@pytest.fixture
def batch(region):
    """One batch destroying a dossier here and one in another Veiligheidshuis."""
    here = person_dossier(region)
    elsewhere = Weegploeg(VeiligheidshuisFactory(code="amsterdam", name="VH Amsterdam"))
    other = signal(
        by=elsewhere.agent, brought_by=elsewhere.politie, region=elsewhere.region
    ).assessment
    run = SweepRun.objects.create(as_of=other.created_at.date(), trigger=Trigger.BEAT)
    other_ref = DossierRef("weegploeg", other.number)
    for ref in (here.ref, other_ref):
        destroy_dossier(ref, rule=Rule.NOT_AGENDERED, due_on=None, run=run)
    here.run, here.other_ref, here.elsewhere = run, other_ref, elsewhere
    return here


def url(kind, run):
    return reverse(f"retention:destruction-report-{kind}", args=[run.pk])


def test_b8_the_keeper_downloads_the_csv_of_their_files_records_only(batch):
    response = batch.client.get(url("csv", batch.run))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Dossier"] for row in rows] == [batch.ref.key]  # not the other house's
    (row,) = rows
    assert row["Bestand"] == batch.data_file.name
    assert "Niet geagendeerd" in row["Regel"]
    assert "wegingen: 1" in row["Rijen vernietigd per soort"]
    # U4: dates as dd-mm-jjjj, never ISO
    assert not re.search(r"\d{4}-\d{2}-\d{2}", response.content.decode())
    assert re.search(r"\b\d{2}-\d{2}-\d{4}\b", response.content.decode())
    text = response.content.decode().casefold()
    assert not any(value.casefold() in text for value in batch.values)
    read = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(SweepRun),
        object_pk=str(batch.run.pk),
    )
    assert read.get().actor == batch.keeper  # S2: the download is logged


def test_b8_the_keeper_downloads_the_pdf(batch):
    response = batch.client.get(url("pdf", batch.run))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert batch.ref.key in text and batch.other_ref.key not in text
    assert not any(value.casefold() in text.casefold() for value in batch.values)


def test_b8_the_keeper_elsewhere_sees_only_their_own_record(batch):
    client = verified_client(batch.elsewhere.uitvoerder)
    rows = list(csv.DictReader(io.StringIO(client.get(url("csv", batch.run)).content.decode())))
    assert [row["Dossier"] for row in rows] == [batch.other_ref.key]


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_b8_who_keeps_no_file_may_not_download_the_report(batch, kind):
    """A deelnemer of a party (no uitvoerder) keeps no file: 403, for PDF and CSV alike; a
    batch that does not exist is 404 for the keeper."""
    agent = verified_client(batch.wp.agent)
    assert agent.get(url(kind, batch.run)).status_code == 403
    missing = SweepRun(pk=batch.run.pk + 1000)
    assert batch.client.get(url(kind, missing)).status_code == 404
    assert not AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SweepRun)
    ).exists()


def test_b8_a_keeper_of_none_of_the_batch_files_gets_404(region, batch):
    """A keeper in a third Veiligheidshuis: no record of the batch in their files."""
    third = Weegploeg(VeiligheidshuisFactory(code="utrecht", name="VH Utrecht"))
    signal(by=third.agent, brought_by=third.politie, region=third.region)  # makes its file
    client = verified_client(third.uitvoerder)
    assert client.get(url("csv", batch.run)).status_code == 404
