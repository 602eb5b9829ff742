"""Test data of the requests of subjects (R1-R3), built through the services."""

from django.utils import timezone

from parties.constants import Function
from rights.constants import Channel, IdentityMethod, RequesterKind, RequestKind
from rights.services import intake, officers
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user
from tests.weegploeg.factories import PERSON

ABOUT = {
    "surname": PERSON["surname"],
    "prefix": "",
    "given_names": PERSON["given_names"],
    "date_of_birth": PERSON["date_of_birth"],
    "bsn": "",
}


def make_request(*, by, region, identified=False, **overrides):
    """A request received today for access, about the person of the dossier fixtures."""
    data = {
        "kinds": [RequestKind.ACCESS],
        "received_on": timezone.localdate(),
        "channel": Channel.LETTER,
        "requester_kind": RequesterKind.SUBJECT,
        "representation": "",
        "representative_name": "",
        "explanation": "",
        "reply_address": "Grote Markt 117b\n2011 RD Haarlem",
        **ABOUT,
        **overrides,
    }
    subject_request = intake.receive_request(by=by, veiligheidshuis=region, **data)
    if identified:
        identify(subject_request, by=by)
    return subject_request


def identify(subject_request, *, by):
    return intake.record_identity(
        subject_request,
        by=by,
        method=IdentityMethod.ID_AT_DESK,
        note="Paspoort gezien aan de balie.",
    )


class Handlers:
    """Who may and who may not handle the requests of one Veiligheidshuis: its uitvoerder, an
    officer it designated, the uitvoerder of another Veiligheidshuis, and a partner member
    (a deelnemer of the politie of the same Veiligheidshuis)."""

    def __init__(self, region=None):
        self.region = region or VeiligheidshuisFactory(code="kennemerland")
        self.other_region = VeiligheidshuisFactory(code="zaanstreek")
        self.gemeente = PartyFactory(
            gemeente=True, name=f"Gemeente {self.region.code}", veiligheidshuizen=[self.region]
        )
        self.politie = PartyFactory(
            name=f"Politie {self.region.code}", veiligheidshuizen=[self.region]
        )
        self.other_gemeente = PartyFactory(
            gemeente=True, name="Gemeente Zaanstad", veiligheidshuizen=[self.other_region]
        )
        self.uitvoerder = make_user(self.gemeente, Function.UITVOERDER)
        self.officer = make_user(self.gemeente)
        officers.designate_officer(
            by=self.uitvoerder, veiligheidshuis=self.region, user=self.officer
        )
        self.other_uitvoerder = make_user(self.other_gemeente, Function.UITVOERDER)
        self.member = make_user(self.politie)
