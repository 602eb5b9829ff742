"""Demo data of "bekend elders?" (K1), a late seeder after the files: the CTER covenant gives
the weegploeg and the CTER ICO of every Veiligheidshuis a legal basis for the check; the
Veelplegers module of Kennemerland has none, so its page says why the check is not offered.
The demo's person known in two Veiligheidshuizen is seeded by the weegploeg's demo. Recorded
through `elsewhere.services`, like the beheerder does; runs once."""

from django.db import transaction

from config.audit import acting_as
from elsewhere import services
from elsewhere.models import CheckBasis
from parties.constants import FileKind
from parties.models import DataFile, User

BEHEERDER = "beheerder"
CTER_PREFIX = "ICO CTER "
BASIS = (
    "De partners wisselen, voor zover noodzakelijk voor de afstemming van de aanpak, met de "
    "andere Veiligheidshuizen onder dit convenant uit of een persoon daar een lopend of "
    "gearchiveerd dossier heeft (treffer of geen treffer, met de contactpersoon), zonder "
    "inhoud van dat dossier."
)
REFERENCES = {
    FileKind.WEEGPLOEG: "Privacyconvenant CTER Noord-Holland, artikel 8.4",
    FileKind.ICO: "Privacyconvenant CTER Noord-Holland, artikel 13.5",
}


def _files_with_basis():
    """The weegploeg files and the CTER ICO files: not the Veelplegers module."""
    return [
        data_file
        for data_file in DataFile.objects.order_by("pk")
        if data_file.kind == FileKind.WEEGPLOEG
        or (data_file.kind == FileKind.ICO and data_file.name.startswith(CTER_PREFIX))
    ]


def seed() -> None:
    beheerder = User.objects.filter(username=BEHEERDER).first()
    if beheerder is None or CheckBasis.objects.exists():
        return
    # The seeder acts for the beheerder, who has signed in with both factors.
    beheerder.is_verified = lambda: True
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        for data_file in _files_with_basis():
            services.record_basis(
                data_file, basis=BASIS, reference=REFERENCES[data_file.kind], by=beheerder
            )
