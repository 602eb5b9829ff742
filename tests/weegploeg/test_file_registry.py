"""The weegploeg file through the registry of subjects/ only, as rights and retention use it:
find, export (R4 groundwork), last processing (B1), archive (B3) and destroy (B8)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from rights.models import DutyToInform
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef, Identity
from tests.weegploeg.factories import PERSON, full_dossier, signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def file():
    return registry.get("weegploeg")


def identity(**changes):
    fields = {key: PERSON[key] for key in ("surname", "given_names", "date_of_birth", "prefix")}
    return Identity(**{**fields, **changes})


def test_the_weegploeg_registers_itself(file):
    assert file in registry.files()
    assert file.label == "weegploeg"


def test_find_dossiers_by_name_and_date_of_birth_or_bsn(wp, file):
    assessment = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"bsn": "111222333"}
    ).assessment
    expected = [DossierRef("weegploeg", assessment.number)]
    assert list(file.find_dossiers(identity(given_names="piet"))) == expected
    assert list(file.find_dossiers(identity(surname="Ander", bsn="111222333"))) == expected
    assert list(file.find_dossiers(identity(date_of_birth=date(2000, 1, 1)))) == []


def test_export_gives_data_purposes_recipients_and_sources(wp, file):
    dossier = full_dossier(wp)
    ref = DossierRef("weegploeg", dossier[next(iter(dossier))].number)
    sections = file.export(ref, by=wp.uitvoerder)
    assert [section.title for section in sections] == [
        "Persoonsgegevens",
        "Signalen",
        "Analyse",
        "Vergaderingen en beslissingen",
        "Kopieën en controles van het bestand",
    ]
    naw, signals = sections[0], sections[1]
    assert {"Naam": "Piet Jansen"} in naw.data
    assert signals.data[0]["Ingebracht door"] == wp.politie.name
    for section in sections:
        assert section.purposes and section.recipients and section.sources
    # Recipients: the kernpartijen who may see it; the other gemeente is not among them.
    assert wp.haarlem.name in naw.recipients and wp.zandvoort.name not in naw.recipients


def test_b1_last_processing_date_through_the_registry(wp, file):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    ref = DossierRef("weegploeg", assessment.number)
    assert file.last_processed_on(ref) == timezone.localdate(assessment.last_processed_at)


def test_b3_archive_keeps_the_last_processing_date(wp, file):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    before = assessment.last_processed_at
    file.archive(DossierRef("weegploeg", assessment.number), by=None)
    assessment.refresh_from_db()
    assert assessment.archived_at is not None
    assert assessment.last_processed_at == before


def test_b8_destroy_leaves_nothing_of_the_dossier_not_even_audit_entries(wp, file):
    from config.audit import kind_of
    from weegploeg.models import Assessment, Signal

    dossier = full_dossier(wp)
    assessment = dossier[next(iter(dossier))]
    ref = DossierRef("weegploeg", assessment.number)
    keys = [(ContentType.objects.get_for_model(model), obj.pk) for model, obj in dossier.items()]
    assert all(
        AuditEntry.objects.filter(content_type=ct, object_pk=str(pk)).exists()
        for ct, pk in keys
        if ct.model in ("assessment", "signal")
    )
    counts = file.destroy(ref, by=None)
    assert counts[kind_of(Assessment)] == 1 and counts[kind_of(Signal)] == 1  # per kind (B8)
    for model, obj in dossier.items():
        assert not model.objects.filter(pk=obj.pk).exists(), model.__name__
    # Only the destruction record remains: the dossier's number and nothing of the person.
    left = AuditEntry.objects.filter(
        pk__in=[
            e.pk
            for ct, pk in keys
            for e in AuditEntry.objects.filter(content_type=ct, object_pk=str(pk))
        ]
    )
    assert [(e.action, e.changes, e.additional_data["destroyed"]) for e in left] == [
        (AuditEntry.Action.DELETE, None, True)
    ]
    assert not DutyToInform.objects.filter(dossier_key=assessment.number).exists()
    assert list(file.find_dossiers(identity())) == []
