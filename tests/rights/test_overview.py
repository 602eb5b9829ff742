"""R4 (AVG 15.1-15.4, CTER 12.3, VH 18.2): the access overview, one for every file; R2: nothing
before the identity is recorded; B8: its letter goes with a destroyed dossier."""

import pytest
from django.core.exceptions import ValidationError

from config.audit import acting_as
from rights.constants import LetterKind, RequestKind
from rights.models import LegalGround, Letter, Withholding
from rights.services import forget_dossier
from rights.services.overview import build_overview, make_overview_letter, overview_document
from rights.services.refusal import withhold
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef, Withheld, item_ref
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.outcome_fixtures import RELATED, REPORTER, SECOND_REPORTER, OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


world_built, world = per_module(lambda: OutcomeWorld(kennemerland()), name="world")


def ground(code):
    return LegalGround.objects.get(code=code)


def test_r4_one_overview_covers_the_weegploeg_and_two_casusoverleggen(world):
    subject_request = world.request()
    letter = make_overview_letter(subject_request, by=world.keeper)
    text = pdf_text(letter.pdf)
    # Every file, by its name and dossier number, with the data of its items.
    for name in (world.overleg.name, world.jeugd.name, "Weegploeg Veiligheidshuis Kennemerland"):
        assert name in text
    for _label, key in world.refs():
        assert key in text
    assert "Bedreigde een buurman met geweld." in text  # the second casusoverleg
    assert "Zocht online naar de bouw van explosieven." in text  # weegploeg and first case
    assert "Gesprek met Piet Jansen over zijn netwerk." in text  # a measure
    assert "Piet Jansen besproken." in text  # the minutes: working notes are data too
    # AVG 15.1: purposes, recipients (the records too), retention, rights, AP, no automation.
    assert "Het wegen van signalen van radicalisering" in text
    assert "Partner kennemerland" in text  # a disclosure
    assert "ICO CTER elders" in text  # a copy to another casusoverleg
    # B3, B4, C11: each casusoverleg's own terms, in words (retention.terms.describe).
    assert "12 maanden na de laatste verwerking" in text  # the CTER ICO (CTER 13.2)
    assert "60 maanden na de laatste verwerking" in text  # the CTER ICO (CTER 13.1)
    assert "24 maanden niet op de agenda heeft gestaan" in text  # the Jeugdcasusoverleg (VH 20.1)
    assert "72 maanden na de laatste verwerking" in text
    assert "6 maanden na het besluit" in text  # the weegploeg: not put on the agenda (B2)
    assert "Autoriteit Persoonsgegevens" in text
    assert "geautomatiseerd" in text
    assert "kosteloos" in text
    for right in ("rectificatie", "wissing", "afscherming", "bezwaar"):
        assert right in text
    # AVG 15.4: the reporter of a signal and the related people stay out.
    for secret in (*REPORTER, SECOND_REPORTER, *RELATED, "1965"):
        assert secret not in text
    assert letter.kind == LetterKind.ACCESS and letter.request == subject_request
    # One overview per request: making it again replaces the one not yet sent.
    make_overview_letter(subject_request, by=world.keeper)
    assert subject_request.letters.filter(kind=LetterKind.ACCESS).count() == 1


def test_r4_r5_withheld_parts_are_left_out_and_marked_with_their_ground(world, monkeypatch):
    subject_request = world.request()
    threat = world.second.signals.get()
    withhold(
        subject_request,
        by=world.keeper,
        file_label="ico",
        dossier_key=world.second.number,
        item=item_ref(threat),
        ground=ground("strafbare-feiten"),
        reasons="Lopend opsporingsonderzoek.",
    )
    # The export's own marks (AVG 15.4) are rendered with their ground too.
    weegploeg = registry.get("weegploeg")
    original = weegploeg._export

    def marked(ref, *, by):
        sections = original(ref, by=by)
        sections[1].withheld.append(Withheld("De melder van het signaal", "bescherming-betrokkene"))
        return sections

    monkeypatch.setattr(weegploeg, "_export", marked)
    text = pdf_text(make_overview_letter(subject_request, by=world.keeper).pdf)
    assert "Bedreigde een buurman met geweld." not in text
    assert "de voorkoming, het onderzoek, de opsporing en de vervolging" in text
    assert "UAVG 41(1)(d)" in text
    assert "De melder van het signaal" in text and "UAVG 41(1)(i)" in text
    # Withholding a whole dossier leaves every item of it out.
    withhold(
        subject_request,
        by=world.keeper,
        file_label="weegploeg",
        dossier_key=world.assessment_number,
        ground=ground("openbare-veiligheid"),
        reasons="Lopende weging.",
    )
    document = overview_document(subject_request, by=world.keeper)
    wp = next(d for d in document["dossiers"] if d["dossier"] == world.assessment_number)
    assert wp["geheelAchtergehouden"] and wp["onderdelen"] == []
    assert wp["achtergehouden"][0]["artikel"] == "UAVG 41(1)(c)"


def test_r4_json_copy_holds_the_same_overview(world):
    subject_request = world.request()
    document = overview_document(subject_request, by=world.keeper)
    assert document["verzoek"] == subject_request.number
    assert {d["dossier"] for d in document["dossiers"]} == {key for _l, key in world.refs()}
    case = next(d for d in document["dossiers"] if d["dossier"] == world.case.number)
    assert {r["soort"] for r in case["verstrekkingen"]} == {"verstrekking", "kopie", "export"}
    assert case["bewaartermijn"] and case["doeleinden"] and case["bronnen"]
    flat = str(document)
    for secret in (*REPORTER, SECOND_REPORTER, *RELATED):
        assert secret not in flat
    assert "Autoriteit Persoonsgegevens" in document["klacht"]


def test_r4_reading_the_overview_is_logged_as_an_export_of_every_dossier(world):
    subject_request = world.request()
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    with acting_as(world.keeper):  # as in a page or API request (the audit middleware)
        build_overview(subject_request, by=world.keeper)
    entries = AuditEntry.objects.filter(additional_data__read="export", pk__gt=last)
    assert entries.count() == 3
    assert {e.dossier_key for e in entries} == {key for _l, key in world.refs()}
    assert set(entries.values_list("actor", flat=True)) == {world.keeper.pk}


def test_r2_no_overview_before_the_identity_is_recorded(world):
    subject_request = world.request(identified=False)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        build_overview(subject_request, by=world.keeper)
    with pytest.raises(ValidationError):
        make_overview_letter(subject_request, by=world.keeper)
    assert AuditEntry.objects.count() == before  # nothing was read
    assert not Letter.objects.filter(request=subject_request).exists()


def test_r4_only_when_access_was_asked(world):
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    with pytest.raises(ValidationError):
        build_overview(subject_request, by=world.keeper)


def test_r4_b8_the_overview_and_the_outcomes_go_with_a_destroyed_dossier(world):
    subject_request = world.request()
    withhold(
        subject_request,
        by=world.keeper,
        file_label="ico",
        dossier_key=world.second.number,
        ground=ground("strafbare-feiten"),
        reasons="Lopend onderzoek.",
    )
    make_overview_letter(subject_request, by=world.keeper)
    registry.get("ico").destroy(DossierRef("ico", world.second.number), by=world.keeper)
    assert not Letter.objects.filter(request=subject_request, kind=LetterKind.ACCESS).exists()
    assert not Withholding.objects.filter(dossier_key=world.second.number).exists()
    subject_request.refresh_from_db()  # kept for the dossiers that remain
    assert subject_request.dossiers.count() == 2
    forget_dossier(file_label="ico", dossier_key=world.case.number)
    forget_dossier(file_label="weegploeg", dossier_key=world.assessment_number)
    assert not type(subject_request).objects.filter(pk=subject_request.pk).exists()
