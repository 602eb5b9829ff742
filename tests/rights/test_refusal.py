"""R5 (CTER 12.4, AVG 23, UAVG 41): refusal or limitation of access on a ground of the
maintained list, with reasons, in a reasoned letter; pages and API for the handler only."""

import pytest
from django.core.exceptions import ValidationError

from rights.constants import LetterKind
from rights.models import LegalGround, Withholding
from rights.services.refusal import make_refusal_letter, withhold
from subjects.registry import item_ref
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.outcome_fixtures import OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


world_built, world = per_module(lambda: OutcomeWorld(kennemerland()), name="world")


def ground(code):
    return LegalGround.objects.get(code=code)


def test_r5_the_letter_names_every_ground_and_its_reasons(world):
    subject_request = world.request()
    signal = world.second.signals.get()
    withhold(
        subject_request,
        by=world.keeper,
        file_label="ico",
        dossier_key=world.second.number,
        item=item_ref(signal),
        ground=ground("strafbare-feiten"),
        reasons="Een lopend opsporingsonderzoek zou worden geschaad.",
    )
    withhold(
        subject_request,
        by=world.keeper,
        file_label="weegploeg",
        dossier_key=world.assessment_number,
        ground=ground("bescherming-betrokkene"),
        reasons="De bescherming van de melder weegt zwaarder.",
    )
    letter = make_refusal_letter(subject_request, by=world.keeper)
    assert letter.kind == LetterKind.REFUSAL
    text = pdf_text(letter.pdf)
    assert "Beperking van de inzage" in text  # not everything is refused
    assert "UAVG 41(1)(d)" in text and "UAVG 41(1)(i)" in text
    assert "de voorkoming, het onderzoek, de opsporing en de vervolging" in text
    assert "Een lopend opsporingsonderzoek zou worden geschaad." in text
    assert "De bescherming van de melder weegt zwaarder." in text
    assert (
        "Alle gegevens in Weegploeg Veiligheidshuis Kennemerland "
        f"(dossier {world.assessment_number})" in text
    )
    assert world.jeugd.name in text
    assert "Bedreigde een buurman" not in text  # the letter names, it does not disclose


def test_r5_a_ground_in_use_reasons_a_confirmed_dossier_and_its_own_item_are_required(world):
    subject_request = world.request()
    retired = ground("civiele-vorderingen")
    retired.active = False
    retired.save()
    with pytest.raises(ValidationError) as refused:
        withhold(
            subject_request,
            by=world.keeper,
            file_label="ico",
            dossier_key=world.case.number,
            ground=retired,
            reasons=" ",
            item=item_ref(world.second.signals.get()),  # an item of another dossier
        )
    assert set(refused.value.message_dict) == {"ground", "reasons", "item"}
    unconfirmed = world.request(dossiers=[("ico", world.case.number)])
    with pytest.raises(ValidationError) as refused:
        withhold(
            unconfirmed,
            by=world.keeper,
            file_label="ico",
            dossier_key=world.second.number,
            ground=ground("openbare-veiligheid"),
            reasons="Reden.",
        )
    assert "dossier" in refused.value.message_dict
    with pytest.raises(ValidationError):  # nothing withheld, nothing to explain
        make_refusal_letter(subject_request, by=world.keeper)
    assert not Withholding.objects.exists()


def test_r2_r5_no_withholding_before_the_identity_is_recorded(world):
    subject_request = world.request(identified=False)
    with pytest.raises(ValidationError):
        withhold(
            subject_request,
            by=world.keeper,
            file_label="ico",
            dossier_key=world.case.number,
            ground=ground("openbare-veiligheid"),
            reasons="Reden.",
        )


def test_r5_u3_the_withhold_page_keeps_the_input_and_records_for_the_handler_only(world):
    subject_request = world.request()
    url = f"/rechten/verzoeken/{subject_request.number}/beperking/"
    client = verified_client(world.keeper)
    form = client.get(url).content.decode()
    target = f"ico|{world.second.number}|"
    assert f'value="{target}"' in form  # the whole dossier is a choice
    invalid = client.post(url, {"target": target, "reasons": "Mijn getypte redenen."})
    assert invalid.status_code == 200
    assert "Mijn getypte redenen." in invalid.content.decode()  # kept on error
    ok = client.post(
        url,
        {
            "target": target,
            "ground": ground("openbare-veiligheid").pk,
            "reasons": "Mijn getypte redenen.",
        },
    )
    assert ok.status_code == 302
    withholding = Withholding.objects.get(request=subject_request)
    assert withholding.whole_dossier and withholding.dossier_key == world.second.number
    letter = client.post(f"/rechten/verzoeken/{subject_request.number}/weigeringsbrief/")
    assert letter.status_code == 302
    assert subject_request.letters.filter(kind=LetterKind.REFUSAL).exists()
    for user in (world.other_uitvoerder, world.partner, world.deelnemer):
        other = verified_client(user)
        assert other.get(url).status_code == 404
        assert other.post(url, {"target": target}).status_code == 404
        withdraw = (
            f"/rechten/verzoeken/{subject_request.number}/beperking/{withholding.pk}/intrekken/"
        )
        assert other.post(withdraw).status_code == 404
    assert Withholding.objects.filter(pk=withholding.pk).exists()


def test_r5_u5_the_api_records_withholdings_with_400_per_field(world):
    subject_request = world.request()
    url = f"/api/v1/verzoeken/{subject_request.number}/beperking"
    client = verified_client(world.keeper)
    bad = client.post(
        url,
        {
            "fileLabel": "ico",
            "dossier": world.case.number,
            "ground": "openbare-veiligheid",
            "reasons": " ",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert [p["name"] for p in bad.json()["invalidParams"]] == ["reasons"]
    good = client.post(
        url,
        {
            "fileLabel": "ico",
            "dossier": world.case.number,
            "ground": "openbare-veiligheid",
            "reasons": "Lopend onderzoek.",
        },
        content_type="application/json",
    )
    assert good.status_code == 201 and good.json()["article"] == "UAVG 41(1)(c)"
    assert len(client.get(url).json()) == 1
    letter = client.post(f"/api/v1/verzoeken/{subject_request.number}/weigeringsbrief")
    assert letter.status_code == 201 and letter.json()["kind"] == LetterKind.REFUSAL
    for user in (world.other_uitvoerder, world.partner, world.deelnemer):
        assert verified_client(user).get(url).status_code == 404
        assert (
            verified_client(user).post(url, {}, content_type="application/json").status_code == 404
        )
