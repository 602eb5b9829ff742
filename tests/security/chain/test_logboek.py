"""S2 (CTER 15.1e): the access entries of a period in the shape of Logius' Logboek
Dataverwerkingen 0.8, as JSON Lines, for the overseers of the Veiligheidshuis only; no name or
BSN, the subject's id encrypted; the export itself is logged."""

import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from config.links import link_to
from parties.constants import Function
from parties.models import Veiligheidshuis
from security.models import AuditEntry
from security.services.logboek import decrypt_subject_id
from subjects import registry
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user
from tests.security.chain.conftest import dossier

pytestmark = pytest.mark.django_db

BSN = "111222333"


@pytest.fixture
def fg(wp):
    return make_user(wp.haarlem, Function.FG, username="fg")


@pytest.fixture
def read(wp):
    return dossier(wp, bsn=BSN)


def download(client, start=None, end=None):
    today = timezone.localdate().isoformat()
    return client.get(reverse("security:logboek"), {"start": start or today, "end": end or today})


def lines(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines()]


def test_s2_the_overseer_downloads_the_reads_as_logboek_records(fg, read, wp):
    response = download(verified_client(fg))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/jsonl")
    records = lines(response)
    ours = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exclude(file_label="")
    assert len(records) == ours.count() >= 1
    record = records[-1]
    assert re.fullmatch(r"[0-9a-f]{32}", record["trace_id"])
    assert re.fullmatch(r"[0-9a-f]{16}", record["span_id"])
    assert record["name"] == "lezen dossier"
    assert record["status"] == "Unset"
    assert record["start_time"] == record["end_time"]
    assert record["start_time"].endswith("Z")
    data_file = registry.get("weegploeg").data_file(DossierRef("weegploeg", read.number))
    attributes = record["attributes"]
    assert attributes["dpl.core.processing_activity_id"] == link_to(
        reverse("insights:processing-activity", args=[data_file.pk])
    )
    assert decrypt_subject_id(attributes["dpl.core.data_subject_id"]) == read.number
    assert read.number not in json.dumps(records)
    assert attributes["dpl.core.data_subject_id_type"] == "dossiernummer:weegploeg"
    # The same entry gives the same ids in every export.
    again = lines(download(verified_client(fg)))
    assert [(r["trace_id"], r["span_id"]) for r in again[: len(records)]] == [
        (r["trace_id"], r["span_id"]) for r in records
    ]


def test_s2_the_export_holds_no_name_or_bsn(fg, read):
    body = json.dumps(lines(download(verified_client(fg))))
    for value in ("Jansen", "Piet", BSN, "1990-05-17", "Grote Markt"):
        assert value not in body


def test_s2_the_export_is_itself_logged(fg, read, wp):
    lines(download(verified_client(fg)))
    logged = AuditEntry.objects.filter(
        actor=fg,
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(Veiligheidshuis),
    )
    assert [(e.object_pk, e.additional_data) for e in logged] == [
        (str(wp.region.pk), {"read": "export"})
    ]


def test_s2_a_deelnemer_may_not_download(wp, read):
    client = verified_client(wp.agent)
    assert download(client).status_code == 404
    assert client.get(reverse("security:logboek")).status_code == 404


def test_s2_the_overseer_of_another_region_sees_none_of_its_reads(read):
    """The overseer of another Veiligheidshuis may use the page, for the reads of his own
    region only: none of this one's."""
    other = VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek")
    party = PartyFactory(name="Gemeente Zaanstad", veiligheidshuizen=[other])
    response = download(verified_client(make_user(party, Function.FG, username="fg-zaan")))
    assert response.status_code == 200
    assert lines(response) == []


def test_s2_an_overseer_of_no_region_gets_404(politie):
    beheerder = make_user(politie, Function.BEHEERDER, username="beheerder-politie")
    assert download(verified_client(beheerder)).status_code == 404


def test_s2_a_wrong_period_is_refused_keeping_the_input(fg):
    response = download(verified_client(fg), start="2027-02-01", end="2027-01-01")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="2027-02-01"' in page and 'value="2027-01-01"' in page
    assert "utrecht-form-field-error-message" in page
    assert not AuditEntry.objects.filter(actor=fg, additional_data={"read": "export"}).exists()


def test_s2_the_page_shows_the_form(fg):
    response = verified_client(fg).get(reverse("security:logboek"))
    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()


def test_s2_the_command_exports_a_period(read, tmp_path):
    today = timezone.localdate().isoformat()
    target = tmp_path / "logboek.jsonl"
    call_command("export_logboek", "--from", today, "--to", today, "--output", str(target))
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert any(
        decrypt_subject_id(r["attributes"]["dpl.core.data_subject_id"]) == read.number
        for r in records
    )
    assert AuditEntry.objects.filter(
        actor_email="manage.py export_logboek", additional_data={"read": "export"}
    ).exists()
    yesterday = (timezone.localdate() - timezone.timedelta(days=1)).isoformat()
    call_command("export_logboek", "--from", yesterday, "--to", yesterday, "--output", str(target))
    assert target.read_text() == ""
