"""Test data of the duty to inform (I1-I5): a decided weegploeg assessment whose duty politie
carries out (CTER 11.2), an agendered case with a related person whose duty the uitvoerder
carries out (VH 17.1), and the files' letter settings. Built through the services."""

from datetime import date

from cases import services as case_services
from cases.constants import RelatedRole
from parties.constants import AccessLevel, Function
from rights.constants import DutyOccasion
from rights.models import DutyToInform
from rights.services import start_duty_to_inform
from rights.services.file_settings import default_settings
from subjects.registry import DossierRef, item_ref
from tests.cases.transfer_fixtures import Agendering
from tests.factories import data_file, make_user

CONTACT = {
    "contact_name": "Mevrouw A. de Wit, privacycoördinator",
    "contact_address": "Postbus 511\n2003 PB Haarlem",
    "contact_phone": "023-5114000",
    "contact_email": "privacy@veiligheidshuis-kennemerland.nl",
}
PURPOSE = "Het voorkomen van geweld door radicalisering, in een persoonsgerichte aanpak."


def bare_duty(data_file, dossier_key: str, *, day: date, **fields) -> DutyToInform:
    """A duty row of a weegploeg dossier that exists only by its key, closing and started on
    `day`, due then unless `fields` say otherwise: for lists of many duties."""
    return DutyToInform.objects.create(
        data_file=data_file,
        file_label="weegploeg",
        dossier_key=dossier_key,
        occasion="closing",
        started_on=day,
        **{"due_on": day, **fields},
    )


def fill_settings(file, **values):
    """The file's settings: its defaults with a contact person, saved."""
    settings = default_settings(file)
    for name, value in {**CONTACT, "purpose": PURPOSE, **values}.items():
        setattr(settings, name, value)
    settings.save()
    return settings


class DutyWorld(Agendering):
    """One Veiligheidshuis with a decided assessment (its duty: politie's, I1) and, on demand,
    its case in the ICO with a related person (the uitvoerder's duty, I5).

    keeper: the uitvoerder, keeps both files. agent: politie, records in the weegploeg (a
    handler of the outcome duty). reader: politie, may only read the weegploeg (sees, does not
    handle). officier: OM, records in the weegploeg, but the duty is politie's (sees nothing)."""

    def __init__(self, region, *, settings=True):
        super().__init__(region)
        wp = self.wp
        self.agent, self.officier = wp.agent, wp.officier
        self.reader = make_user(
            wp.politie,
            username=f"lezer-{region.code}",
            files=[(region, AccessLevel.READ)],
        )
        self.beheerder = make_user(wp.haarlem, Function.BEHEERDER, username=f"beh-{region.code}")
        self.weegploeg_file = data_file(region)
        self.ico_file = data_file(self.overleg)
        if settings:
            fill_settings(self.weegploeg_file)
            fill_settings(self.ico_file)
        self.decided = self.assessment()
        self.duty = DutyToInform.objects.get(
            file_label="weegploeg", dossier_key=self.decided.number
        )

    def related_duty(self):
        """The case agendered from the assessment, a related person registered in it, and the
        duty to inform that person (I5), carried out by the uitvoerder (no responsible party)."""
        self.case = self.agendeer(self.decided)
        self.related = case_services.add_related_person(
            self.case,
            by=self.keeper,
            role=RelatedRole.ACHTERBLIJVER,
            surname="Jansen-Bakker",
            given_names="Marieke",
            date_of_birth=date(1965, 2, 3),
            address="Kleine Houtstraat 5\n2011 DD Haarlem",
            reason="Moeder, betrokken bij het plan.",
        )
        return start_duty_to_inform(
            ref=DossierRef("ico", self.case.number),
            data_file=self.ico_file,
            occasion=DutyOccasion.RELATED_PERSON,
            started_on=date(2026, 12, 1),
            person=item_ref(self.related),
        )
