"""One row of every model of `rights`, filled with values that are easy to spot, about the
dossier `ref`: for the audit tests that walk every registered model (S2)."""

from datetime import date

from parties.models import DataFile
from rights import models
from subjects.registry import DossierRef


def rights_instances(ref: DossierRef, data_file: DataFile, user) -> dict:
    on = date(2027, 2, 1)
    ground = models.LegalGround.objects.get_or_create(
        code="herkenbare-grond", defaults={"label": "Herkenbare grond", "article": "X 1"}
    )[0]
    duty = models.DutyToInform.objects.create(
        data_file=data_file,
        file_label=ref.file_label,
        dossier_key=ref.key,
        occasion="outcome",
        started_on=on,
        due_on=on,
        not_required_reason="Zichtbare reden over Achternaam",
    )
    request = models.SubjectRequest.objects.create(
        veiligheidshuis=data_file.veiligheidshuis,
        number="VZ-AUDIT-1",
        kinds=["access", "objection"],
        received_on=on,
        channel="letter",
        surname="Herkenbaarachternaam",
        given_names="Zichtbarevoornaam",
        date_of_birth=date(1977, 7, 7),
        bsn="111222333",
        representative_name="Vertegenwoordiger Zichtbaar",
        reply_address="Herkenbare straat 9",
        explanation="Zichtbare uitleg van het verzoek",
        identity_note="Paspoort herkenbaar gezien",
        due_on=on,
        received_by=user,
    )
    letter = models.Letter.objects.create(
        kind="information", duty=duty, pdf=b"%PDF herkenbaar", made_by=user, sent_by=user
    )
    change = models.ItemChange.objects.create(
        request=request,
        file_label=ref.file_label,
        dossier_key=ref.key,
        item_model="weegploeg.signal",
        item_pk=1,
        action="rectify",
        reason="a",
        changed_by=user,
    )
    return {
        models.LegalGround: ground,
        models.DutyToInform: duty,
        models.Postponement: models.Postponement.objects.create(
            duty=duty,
            ground=ground,
            reasons="Herkenbare uitstelreden",
            review_on=on,
            recorded_by=user,
        ),
        models.FileRightsSettings: models.FileRightsSettings.objects.create(
            data_file=data_file,
            contact_name="Contactpersoon Zichtbaar",
            contact_address="Herkenbaar adres 1",
            contact_phone="0611223344",
            contact_email="contact.zichtbaar@example.org",
            updated_by=user,
        ),
        models.Letter: letter,
        models.SubjectRequest: request,
        models.RequestDossier: models.RequestDossier.objects.create(
            request=request, file_label=ref.file_label, dossier_key=ref.key, confirmed_by=user
        ),
        models.RequestOfficer: models.RequestOfficer.objects.create(
            user=user, veiligheidshuis=data_file.veiligheidshuis, designated_by=user
        ),
        models.Withholding: models.Withholding.objects.create(
            request=request,
            file_label=ref.file_label,
            dossier_key=ref.key,
            ground=ground,
            reasons="Herkenbare weigeringsreden",
            recorded_by=user,
        ),
        models.ItemChange: change,
        models.Notice: models.Notice.objects.create(
            change=change,
            recipient_kind="disclosure",
            party="Ontvanger",
            what="Zichtbaar deel",
            received_on=on,
            sent_by=user,
        ),
        models.ObjectionDecision: models.ObjectionDecision.objects.create(
            request=request,
            weighing="Herkenbare belangenafweging",
            upheld=False,
            decided_on=on,
            decided_by=user,
        ),
    }
