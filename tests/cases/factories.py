"""Case test data: a casusoverleg of one Veiligheidshuis with its parties and users, and cases
opened through the services."""

from datetime import date

from cases import meeting_services, services
from cases.constants import IdentityMethod
from cases.models import CasusOverleg
from parties.constants import Function, PartyKind
from tests.factories import PartyFactory, authorise, make_user, record_declaration

PERSON = {
    "surname": "Yilmaz",
    "prefix": "",
    "given_names": "Sara",
    "date_of_birth": date(2001, 3, 4),
    "street": "Kerkstraat",
    "house_number": "12",
    "postcode": "2011AB",
    "municipality": "Haarlem",
    "municipality_code": "0392",
    "bsn": "",
}


class Ico:
    """One casusoverleg (module) with kernpartijen, casuspartijen and partners and their users."""

    def __init__(self, region, name=None):
        code = region.code
        self.region = region
        self.politie = PartyFactory(name=f"Politie {code}", veiligheidshuizen=[region])
        self.om = PartyFactory(om=True, name=f"OM {code}", veiligheidshuizen=[region])
        self.gemeente = PartyFactory(
            gemeente=True,
            name=f"Gemeente {code}",
            municipality_code="0392",
            veiligheidshuizen=[region],
        )
        self.rvdk = PartyFactory(rvdk=True, name=f"RvdK {code}", veiligheidshuizen=[region])
        self.reclassering = PartyFactory(
            kind=PartyKind.RECLASSERING, name=f"Reclassering {code}", veiligheidshuizen=[region]
        )
        self.outsider = PartyFactory(
            kind=PartyKind.GGZ, name=f"GGZ {code}", veiligheidshuizen=[region]
        )
        self.partner = PartyFactory(extern=True, name=f"Partner {code}", veiligheidshuizen=[region])
        self.keeper = make_user(self.gemeente, Function.UITVOERDER, username=f"uitvoerder-{code}")
        self.chair = make_user(self.gemeente, Function.VOORZITTER, username=f"voorzitter-{code}")
        self.agent = make_user(self.politie, username=f"agent-{code}")
        self.officier = make_user(self.om, username=f"officier-{code}")
        self.raad = make_user(self.rvdk, username=f"raad-{code}")
        self.reclasseerder = make_user(
            self.reclassering, Function.CASEMANAGER, username=f"reclassering-{code}"
        )
        self.ggz = make_user(self.outsider, username=f"ggz-{code}")
        self.partner_user = make_user(self.partner, username=f"partner-{code}")
        self.overleg = CasusOverleg.objects.create(
            name=name or f"ICO CTER {code}",
            veiligheidshuis=region,
            covenant_title="Privacyconvenant CTER Noord-Holland",
            covenant_reference="CTER-NH-2017",
            covenant_date=date(2017, 6, 1),
            controller="De kernpartijen gezamenlijk",
        )
        self.overleg.participants.set(
            [self.politie, self.om, self.gemeente, self.rvdk, self.reclassering]
        )
        self.overleg.chairs.set([self.chair])
        # P8: everyone who works in this casusoverleg is authorised for its file (read-write);
        # the GGZ's party takes no part, the partner cannot be authorised (C6).
        for user in (
            self.keeper,
            self.chair,
            self.agent,
            self.officier,
            self.raad,
            self.reclasseerder,
            self.ggz,
        ):
            authorise(user, self.overleg)

    def declare_partner(self):
        record_declaration(self.partner, by=self.keeper)

    def open_case(self, participants=None, **person):
        return services.open_case(
            casusoverleg=self.overleg,
            person={**PERSON, **person},
            identity_method=IdentityMethod.BRP,
            identity_note="BRP-bevraging door de gemeente",
            by=self.keeper,
            participants=participants
            if participants is not None
            else [self.politie, self.om, self.gemeente, self.rvdk],
        )

    def approve(self, meeting):
        """The chair records what each discussion of `meeting` ended with and approves its
        minutes (C4)."""
        for discussion in meeting.discussions.all():
            meeting_services.record_discussion(
                discussion,
                by=self.chair,
                minutes="",
                approach="Gesprek.",
                casemanager=None,
                informing="Brief.",
            )
        meeting_services.approve_minutes(meeting, by=self.chair)
