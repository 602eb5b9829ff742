"""I4, I5 (VH 17.1): the letter that informs, read back from its PDF; its sending informs the
person; letters belong to the dossier and are destroyed with it (B8)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rights.constants import DutyState, LetterKind, SendingMeans
from rights.models import DutyToInform, LegalGround, Letter, Postponement
from rights.services import duties as duty_services
from rights.services import letters
from security.models import AuditEntry
from subjects import registry
from tests.clock import NOW
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.duty_fixtures import CONTACT, PURPOSE, DutyWorld, fill_settings
from tests.rights.pdf_text import pdf_text
from tests.subjects.dossier_fixtures import BUILDERS
from tests.weegploeg.factories import PERSON

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

TODAY = date(2026, 12, 1)


world_built, world = per_module(lambda: DutyWorld(kennemerland()), name="world", at=NOW)


def test_i4_the_letter_says_what_why_how_long_the_rights_and_whom_to_contact(world):
    letter = letters.make_information_letter(world.duty, by=world.agent)
    assert (letter.kind, letter.file_label, letter.dossier_key, letter.duty) == (
        LetterKind.INFORMATION,
        "weegploeg",
        world.decided.number,
        world.duty,
    )
    text = pdf_text(letter.pdf)
    # addressed to the subject, through the registry
    assert f"{PERSON['given_names']} {PERSON['surname']}" in text
    assert "Grote Markt 117b" in text and "Haarlem" in text
    # what is processed, which kinds, the purpose, the basis and the retention
    for heading in (
        "Welke gegevens",
        "Welke soorten gegevens",
        "Met welk doel",
        "Op welke grondslag",
        "Hoe lang",
    ):
        assert heading in text
    assert PURPOSE in text
    assert "signalen" in text  # the weegploeg's default categories
    # the rights and the complaint to the AP
    for right in ("inzage", "rectificatie", "verwijdering", "beperking", "bezwaar"):
        assert right in text.lower()
    assert "Autoriteit Persoonsgegevens" in text
    # the contact person with address and contact details
    assert CONTACT["contact_name"] in text
    assert "Postbus 511" in text and "2003 PB Haarlem" in text
    assert CONTACT["contact_phone"] in text and CONTACT["contact_email"] in text
    assert "Datum: 01-12-2026" in text  # U4: dd-mm-jjjj, whatever the user's language


def test_i5_the_letter_of_a_related_person_is_addressed_to_that_person(world):
    duty = world.related_duty()
    letter = letters.make_information_letter(duty, by=world.keeper)
    text = pdf_text(letter.pdf)
    assert "Marieke Jansen-Bakker" in text and "Kleine Houtstraat 5" in text
    assert "gezin of de omgeving" in text
    assert PERSON["given_names"] + " " + PERSON["surname"] not in text


def test_i4_without_a_contact_person_no_letter_is_made(region):
    world = DutyWorld(region, settings=False)
    with pytest.raises(ValidationError, match="contactpersoon"):
        letters.make_information_letter(world.duty, by=world.agent)
    assert not Letter.objects.exists()


def test_i4_only_a_handler_makes_the_letter_and_not_while_postponed(world):
    for outsider in (world.reader, world.officier):
        with pytest.raises(PermissionDenied):
            letters.make_information_letter(world.duty, by=outsider)
    duty_services.postpone(
        world.duty,
        ground=LegalGround.objects.get(code="strafbare-feiten"),
        reasons="Lopend onderzoek.",
        review_on=TODAY + timedelta(days=20),
        by=world.agent,
    )
    with pytest.raises(ValidationError, match="uitgesteld"):
        letters.make_information_letter(world.duty, by=world.agent)


def test_i4_recording_the_sending_informs_the_person(world):
    letter = letters.make_information_letter(world.duty, by=world.agent)
    letters.record_sending(letter, sent_on=TODAY, means=SendingMeans.POST, by=world.keeper)
    letter.refresh_from_db()
    world.duty.refresh_from_db()
    assert (letter.sent_on, letter.sent_means, letter.sent_by) == (
        TODAY,
        SendingMeans.POST,
        world.keeper,
    )
    assert world.duty.state == DutyState.INFORMED
    assert (world.duty.informed_on, world.duty.informed_means, world.duty.informed_by) == (
        TODAY,
        SendingMeans.POST,
        world.keeper,
    )
    with pytest.raises(ValidationError):
        letters.record_sending(letter, sent_on=TODAY, means=SendingMeans.POST, by=world.keeper)


def test_i4_a_sending_in_the_future_is_refused_and_nothing_is_recorded(world):
    letter = letters.make_information_letter(world.duty, by=world.agent)
    with pytest.raises(ValidationError):
        letters.record_sending(
            letter, sent_on=TODAY + timedelta(days=2), means=SendingMeans.POST, by=world.agent
        )
    letter.refresh_from_db()
    assert letter.sent_on is None
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.TO_INFORM


def test_i4_making_the_letter_is_logged_as_a_read_of_the_dossier(world):
    letters.make_information_letter(world.duty, by=world.agent)
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, file_label="weegploeg", dossier_key=world.decided.number
    ).latest("timestamp")
    assert entry.actor == world.agent and entry.additional_data == {"read": "export"}


@pytest.mark.parametrize("label", ["weegploeg", "ico"])
def test_i4_b8_letters_duties_and_postponements_go_with_the_destroyed_dossier(region, label):
    built = BUILDERS[label](region)
    ref, file = built.ref, registry.get(label)
    duty = duty_services.start_duty_to_inform(
        ref=ref, data_file=file.data_file(ref), occasion="closing", started_on=TODAY
    )
    fill_settings(duty.data_file)
    duty_services.postpone(
        duty,
        ground=LegalGround.objects.get(code="openbare-veiligheid"),
        reasons="Nog even niet.",
        review_on=TODAY + timedelta(days=5),
        by=built.keeper,
    )
    duty_services.lift_postponement(duty, lapsed_on=TODAY, by=built.keeper)
    letter = letters.make_information_letter(duty, by=built.keeper)
    assert Postponement.objects.filter(duty=duty).exists()
    other = duty_services.start_duty_to_inform(
        ref=registry.DossierRef(label, "ANDER-1"),
        data_file=duty.data_file,
        occasion="closing",
        started_on=TODAY,
    )
    file.destroy(ref, by=built.keeper)
    assert not DutyToInform.objects.filter(file_label=label, dossier_key=ref.key).exists()
    assert not Postponement.objects.filter(duty_id=duty.pk).exists()
    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert not Letter.objects.filter(file_label=label, dossier_key=ref.key).exists()
    assert DutyToInform.objects.filter(pk=other.pk).exists()  # another dossier's stays
