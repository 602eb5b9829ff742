"""K2 test data of one installation, made through the services: a Veiligheidshuis whose
weegploeg holds a dossier about Piet Jansen and has a legal basis for the check (so the dossier
is published), a beheerder, and peers. Used in this process (installation A) and by
`k2_installation` in installation B's database."""

from elsewhere.peers import services as peer_services
from elsewhere.services import record_basis
from parties.constants import Function
from subjects.registry import Identity
from tests.factories import VeiligheidshuisFactory, data_file, make_user
from tests.weegploeg.factories import PERSON, Weegploeg, signal

SHARED_KEY = "k2-test-shared-key-of-the-participating-installations"

PIET = Identity(
    surname=PERSON["surname"],
    given_names=PERSON["given_names"],
    date_of_birth=PERSON["date_of_birth"],
    prefix=PERSON["prefix"],
)
NOBODY = Identity(surname="Onbekend", given_names="Niemand", date_of_birth=PIET.date_of_birth)


class Installation:
    """One Veiligheidshuis with a published weegploeg dossier about PIET."""

    def __init__(self, code: str, name: str, *, with_dossier: bool = True):
        self.region = VeiligheidshuisFactory(code=code, name=name)
        self.wp = Weegploeg(self.region)
        self.file = data_file(self.region)
        self.beheerder = make_user(self.wp.haarlem, Function.BEHEERDER, username=f"beheer-{code}")
        self.beheerder.is_verified = lambda: True  # signed in with both factors
        if with_dossier:
            self.assessment = signal(
                by=self.wp.agent, brought_by=self.wp.politie, region=self.region
            ).assessment
        record_basis(
            self.file,
            basis="Art. 19 convenant Zorg- en Veiligheidshuizen",
            reference="VH 19.2",
            by=self.beheerder,
        )

    def add_peer(self, name: str, *, base_url: str, certificate: str, limit: int = 1000):
        return peer_services.add_peer(
            name=name,
            base_url=base_url,
            certificate=certificate,
            files=[self.file],
            requests_per_minute=limit,
            by=self.beheerder,
            reason="Aansluiting bekend elders (test)",
        )
