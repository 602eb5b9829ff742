"""Demo data of the CTER covenant (seed_demo): its three Veiligheidshuizen, their gemeenten, the
core and case parties, two external partners and users for every function. Synthetic people
only. Running it again changes nothing."""

import base64
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties import services
from parties.constants import AccessLevel, Function, PartyKind
from parties.models import (
    ConfidentialityDeclaration,
    DataFile,
    FileAuthorisation,
    Party,
    User,
    Veiligheidshuis,
)

DEMO_PASSWORD = "Veiligheidshuis-demo-2026"  # noqa: S105 - demo only, printed by make run
REASON = "Demogegevens (seed_demo)"
JOINED = date(2024, 1, 1)
# django-two-factor-auth asks for the code of the device named "default".
DEVICE_NAME = "default"

VEILIGHEIDSHUIZEN = {
    "kennemerland": "Veiligheidshuis Kennemerland",
    "noord-holland-noord": "Veiligheidshuis Noord-Holland Noord",
    "zaanstreek-waterland": "Veiligheidshuis Zaanstreek-Waterland",
}

GEMEENTEN = {
    "kennemerland": [
        ("Haarlem", "0392"),
        ("Zandvoort", "0473"),
        ("Velsen", "0453"),
        ("Bloemendaal", "0377"),
        ("Heemstede", "0397"),
        ("Beverwijk", "0375"),
        ("Heemskerk", "0396"),
        ("Haarlemmermeer", "0394"),
    ],
    "noord-holland-noord": [
        ("Alkmaar", "0361"),
        ("Den Helder", "0400"),
        ("Hoorn", "0405"),
        ("Schagen", "0441"),
        ("Enkhuizen", "0388"),
        ("Heiloo", "0399"),
    ],
    "zaanstreek-waterland": [
        ("Zaanstad", "0479"),
        ("Purmerend", "0439"),
        ("Edam-Volendam", "0385"),
        ("Oostzaan", "0431"),
        ("Wormerland", "0880"),
        ("Landsmeer", "0415"),
    ],
}

REGIONAL_PARTIES = [
    ("Politie eenheid Noord-Holland", PartyKind.POLITIE),
    ("Openbaar Ministerie, Arrondissementsparket Noord-Holland", PartyKind.OM),
    ("Raad voor de Kinderbescherming", PartyKind.RVDK),
    ("Reclassering Nederland", PartyKind.RECLASSERING),
    ("GGZ Noord-Holland-Noord", PartyKind.GGZ),
]

EXTERNAL_WITH_DECLARATION = "Stichting Exitprogramma Noord-Holland"
EXTERNAL_WITHOUT_DECLARATION = "Jeugdinstelling De Brug"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    party: str
    functions: tuple[str, ...]


DEMO_USERS = [
    DemoUser("beheerder", "Bram", "Beheer", "Gemeente Haarlem", (Function.BEHEERDER,)),
    DemoUser("uitvoerder", "Ulla", "Uitvoer", "Gemeente Haarlem", (Function.UITVOERDER,)),
    DemoUser("uitvoerder.nhn", "Noor", "Uitvoer", "Gemeente Alkmaar", (Function.UITVOERDER,)),
    DemoUser("uitvoerder.zw", "Zeno", "Uitvoer", "Gemeente Zaanstad", (Function.UITVOERDER,)),
    DemoUser("fg", "Fenna", "Gegevens", "Gemeente Haarlem", (Function.FG,)),
    DemoUser(
        "voorzitter",
        "Victor",
        "Voorzit",
        "Gemeente Zaanstad",
        (Function.VOORZITTER, Function.DEELNEMER),
    ),
    DemoUser(
        "voorzitter.kennemerland",
        "Vera",
        "Voorzit",
        "Gemeente Haarlem",
        (Function.VOORZITTER, Function.DEELNEMER),
    ),
    DemoUser(
        "voorzitter.nhn",
        "Vincent",
        "Voorzit",
        "Gemeente Alkmaar",
        (Function.VOORZITTER, Function.DEELNEMER),
    ),
    DemoUser("gemeente.alkmaar", "Gert", "Gemeente", "Gemeente Alkmaar", (Function.DEELNEMER,)),
    DemoUser("politie", "Petra", "Politie", "Politie eenheid Noord-Holland", (Function.DEELNEMER,)),
    DemoUser(
        "om",
        "Olaf",
        "Officier",
        "Openbaar Ministerie, Arrondissementsparket Noord-Holland",
        (Function.DEELNEMER,),
    ),
    DemoUser("rvdk", "Rosa", "Raad", "Raad voor de Kinderbescherming", (Function.DEELNEMER,)),
    DemoUser(
        "reclassering",
        "Ruben",
        "Reclassering",
        "Reclassering Nederland",
        (Function.CASEMANAGER, Function.DEELNEMER),
    ),
    DemoUser("extern", "Esther", "Extern", EXTERNAL_WITH_DECLARATION, (Function.DEELNEMER,)),
    DemoUser(
        "extern.zonder", "Ernst", "Zonder", EXTERNAL_WITHOUT_DECLARATION, (Function.DEELNEMER,)
    ),
]


def _party(name, kind, regions, municipality_code=""):
    existing = Party.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return services.create_party(
        name=name,
        kind=kind,
        veiligheidshuizen=regions,
        municipality_code=municipality_code,
        joined_on=JOINED,
        by=None,
        reason=REASON,
    )


def _user(demo: DemoUser) -> User:
    user = User.objects.filter(username=demo.username).first()
    if user is None:
        user = services.create_user(
            username=demo.username,
            first_name=demo.first_name,
            last_name=demo.last_name,
            email=f"{demo.username}@example.org",
            password=DEMO_PASSWORD,
            party=Party.objects.get(name=demo.party),
            functions=demo.functions,
            by=None,
            reason=REASON,
        )
    TOTPDevice.objects.get_or_create(user=user, name=DEVICE_NAME, defaults={"confirmed": True})
    return user


# P8: the weegploeg files each demo user is authorised for (read-write), by region code; the
# ICO files follow in `cases.demo`. Beheerder, FG, casuspartijen and partners get none.
WEEGPLOEG_FILES = {
    "uitvoerder": ["kennemerland"],
    "uitvoerder.nhn": ["noord-holland-noord"],
    "uitvoerder.zw": ["zaanstreek-waterland"],
    "gemeente.alkmaar": ["noord-holland-noord"],
    "politie": list(VEILIGHEIDSHUIZEN),
    "om": list(VEILIGHEIDSHUIZEN),
}


def authorise(username: str, file: DataFile, level: str = AccessLevel.READWRITE) -> None:
    """Idempotent: a demo user keeps a live authorisation it already has."""
    user = User.objects.filter(username=username).first()
    if user is None or FileAuthorisation.objects.live().filter(user=user, file=file).exists():
        return
    services.grant_file_access(user, file=file, level=level, by=None, reason=REASON)


# Each file app adds its own demo data (registered in its AppConfig.ready), after the parties:
# parties is the bottom layer and imports no file app.
SEEDERS: list = []
# The apps that work across files (rights) seed from what the file apps seeded: they come last.
LATE_SEEDERS: list = []


def register_seeder(seeder, *, late: bool = False) -> None:
    seeders = LATE_SEEDERS if late else SEEDERS
    if seeder not in seeders:
        seeders.append(seeder)


def seed() -> None:
    seed_parties()
    for seeder in SEEDERS + LATE_SEEDERS:
        seeder()


@transaction.atomic
def seed_parties() -> None:
    regions = {}
    for code, name in VEILIGHEIDSHUIZEN.items():
        regions[code], _ = Veiligheidshuis.objects.get_or_create(code=code, defaults={"name": name})
    for code, gemeenten in GEMEENTEN.items():
        for name, municipality_code in gemeenten:
            _party(f"Gemeente {name}", PartyKind.GEMEENTE, [regions[code]], municipality_code)
    everywhere = list(regions.values())
    for name, kind in REGIONAL_PARTIES:
        _party(name, kind, everywhere)
    partner = _party(EXTERNAL_WITH_DECLARATION, PartyKind.EXTERN, everywhere)
    _party(EXTERNAL_WITHOUT_DECLARATION, PartyKind.EXTERN, [regions["kennemerland"]])
    for demo in DEMO_USERS:
        _user(demo)
    for username, codes in WEEGPLOEG_FILES.items():
        for code in codes:
            authorise(username, services.weegploeg_file(regions[code]))
    if not ConfidentialityDeclaration.objects.filter(party=partner).exists():
        services.record_declaration(
            partner,
            signed_on=JOINED,
            signed_by="A. de Directeur",
            document_reference="GV-2024-001",
            by=User.objects.get(username="beheerder"),
        )


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret an authenticator app takes."""
    return base64.b32encode(device.bin_key).decode()


def logins() -> list[tuple[str, str, str, str]]:
    rows = []
    for demo in DEMO_USERS:
        device = TOTPDevice.objects.get(user__username=demo.username, name=DEVICE_NAME)
        functions = ", ".join(str(Function(code).label) for code in demo.functions)
        rows.append(
            (demo.username, f"{demo.party} ({functions})", DEMO_PASSWORD, totp_secret(device))
        )
    return rows


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def demo_accounts() -> list[dict]:
    """Only in demo mode (never in production): each demo user's name, party and code now."""
    devices = TOTPDevice.objects.filter(
        user__username__in=[demo.username for demo in DEMO_USERS],
        name=DEVICE_NAME,
        confirmed=True,
    ).select_related("user__membership__party")
    return [
        {
            "username": device.user.username,
            "party": device.user.membership.party.name,
            "code": current_code(device),
        }
        for device in devices.order_by("user__username")
    ]
