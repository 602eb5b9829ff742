"""Demo data of the weegploeg file: a few dozen synthetic people (Faker, nl_NL) with signals,
analyses and decisions in every state, spread over the gemeenten. Runs once: a second seed
changes nothing."""

import random
from datetime import date, timedelta

from django.db import transaction
from faker import Faker

from config.audit import acting_as
from parties.constants import PartyKind
from parties.models import Party, User, Veiligheidshuis
from subjects.models import PERSON_FIELDS
from weegploeg import services
from weegploeg.constants import CheckOutcome, Finding, Outcome
from weegploeg.models import Assessment, FrameworkVersion

PEOPLE_PER_REGION = 12
BEHEERDER = "beheerder"
UITVOERDERS = {
    "kennemerland": "uitvoerder",
    "noord-holland-noord": "uitvoerder.nhn",
    "zaanstreek-waterland": "uitvoerder.zw",
}
CRITERIA = [
    ("R1", "Uitingen die geweld tegen andersdenkenden rechtvaardigen of verheerlijken"),
    ("R2", "Contacten met personen of netwerken die extremistisch gedachtegoed verspreiden"),
    ("R3", "Voornemen of voorbereiding van uitreizen naar een conflictgebied"),
    ("R4", "Toenemende afzondering van familie, school of werk"),
    ("R5", "Belangstelling voor wapens, explosieven of aanslagen"),
]
BEHAVIOURS = [
    "Plaatste berichten op sociale media waarin aanslagen worden verheerlijkt.",
    "Probeerde op school medeleerlingen over te halen tot een gewelddadige ideologie.",
    "Werd gezien bij bijeenkomsten van een groep die tot geweld oproept.",
    "Zocht online naar de bouw van explosieven.",
    "Vertelde in de wijk te willen vertrekken naar een strijdgebied.",
    "Brak contact af met familie en sprak dreigende taal over andersdenkenden.",
]


def _kernpartij(region, kind, municipality_code=None):
    parties = Party.objects.filter(veiligheidshuizen=region, kind=kind)
    if municipality_code:
        parties = parties.filter(municipality_code=municipality_code)
    return parties.first()


def _framework() -> FrameworkVersion:
    """The first version, published by the demo's beheerder (W2)."""
    existing = FrameworkVersion.objects.first()
    if existing is not None:
        return existing
    return services.publish_framework(
        by=User.objects.get(username=BEHEERDER),
        criteria=[{"code": code, "title": title} for code, title in CRITERIA],
        note="Eerste versie (demo)",
    )


def _person(fake: Faker, gemeente: Party) -> dict:
    return {
        "surname": fake.last_name(),
        "prefix": "",
        "given_names": fake.first_name(),
        "date_of_birth": fake.date_of_birth(minimum_age=15, maximum_age=45),
        "street": fake.street_name(),
        "house_number": str(fake.building_number()),
        "postcode": fake.postcode().replace(" ", ""),
        "municipality": gemeente.name.removeprefix("Gemeente "),
        "municipality_code": gemeente.municipality_code,
        "bsn": "",
    }


def _seed_region(fake: Faker, rng: random.Random, region: Veiligheidshuis) -> None:
    keeper = User.objects.get(username=UITVOERDERS[region.code])
    politie = _kernpartij(region, PartyKind.POLITIE)
    om = _kernpartij(region, PartyKind.OM)
    gemeenten = list(Party.objects.filter(veiligheidshuizen=region, kind=PartyKind.GEMEENTE))
    casuspartijen = list(
        Party.objects.filter(
            veiligheidshuizen=region, kind__in=[PartyKind.RVDK, PartyKind.RECLASSERING]
        )
    )
    framework = _framework()
    today = date.today()
    for index in range(PEOPLE_PER_REGION):
        gemeente = gemeenten[index % len(gemeenten)]
        observed = today - timedelta(days=rng.randint(5, 150))
        signal = services.enter_signal(
            by=keeper,
            brought_by=[politie, om, gemeente][index % 3],
            region=region,
            behaviour=rng.choice(BEHAVIOURS),
            observed_on=observed,
            reporter_name=fake.name(),
            reporter_contact=fake.phone_number(),
            person=_person(fake, gemeente),
        )
        assessment = signal.assessment
        if index % 4 == 1:  # a second signal about the same person
            services.enter_signal(
                by=keeper,
                brought_by=politie,
                region=region,
                behaviour=rng.choice(BEHAVIOURS),
                observed_on=observed + timedelta(days=3),
                reporter_name=fake.name(),
                reporter_contact=fake.phone_number(),
                assessment=assessment,
            )
        state = index % 6
        if state == 0:
            continue  # open: signals only
        services.record_analysis(
            assessment,
            by=keeper,
            findings={
                criterion.pk: (
                    rng.choice([Finding.MET, Finding.NOT_MET, Finding.UNKNOWN]),
                    "Beoordeeld op basis van de ingebrachte signalen.",
                )
                for criterion in framework.criteria.all()
            },
        )
        if state == 1:
            continue  # analysed, not decided
        if state in (2, 3):
            services.decide(
                assessment,
                by=keeper,
                outcome=Outcome.AGENDEREN,
                reasons="De signalen zijn substantieel; een persoonsgerichte aanpak is nodig.",
                decided_on=today - timedelta(days=rng.randint(1, 30)),
                advice_to_driehoek="Agenderen in het casusoverleg (ICO).",
                advised_parties=casuspartijen[: 1 + state % 2],
            )
        else:
            services.decide(
                assessment,
                by=keeper,
                outcome=Outcome.NOT_SUBSTANTIAL,
                reasons="De signalen zijn onvoldoende substantieel.",
                decided_on=today - timedelta(days=rng.randint(1, 30)),
            )
        if state == 5:
            services.reopen(assessment, by=keeper, reason="Nieuw signaal ontvangen.")
        if state == 4:
            services.record_check(assessment, by=keeper, outcome=CheckOutcome.CORRECT)
    services.hold_meeting(
        by=keeper,
        region=region,
        held_on=today + timedelta(days=7),
        present=[politie, om, *gemeenten[:2]],
        assessments=Assessment.objects.filter(veiligheidshuis=region, status="open")[:4],
    )


def _known_elsewhere(today: date) -> None:
    """K1: a person of Kennemerland (decided "agenderen", so also in its ICO) moved to Alkmaar
    and was brought in there too: "bekend elders?" finds the other Veiligheidshuis in the
    demo, from either side."""
    region = Veiligheidshuis.objects.filter(code="noord-holland-noord").first()
    moved = (
        Assessment.objects.filter(
            veiligheidshuis__code="kennemerland", decisions__outcome=Outcome.AGENDEREN
        )
        .order_by("number_order")
        .first()
    )
    if region is None or moved is None or region.code not in UITVOERDERS:
        return
    person = {name: getattr(moved, name) for name in PERSON_FIELDS}
    person.update(
        street="Laat",
        house_number="48",
        postcode="1811EJ",
        municipality="Alkmaar",
        municipality_code="0361",
    )
    services.enter_signal(
        by=User.objects.get(username=UITVOERDERS[region.code]),
        brought_by=_kernpartij(region, PartyKind.POLITIE),
        region=region,
        behaviour="Verhuisde onlangs naar Alkmaar en deelt daar berichten die aanslagen "
        "verheerlijken.",
        observed_on=today - timedelta(days=4),
        reporter_name="Wijkagent Alkmaar-Centrum",
        reporter_contact="0900-8844",
        person=person,
    )


def seed() -> None:
    if Assessment.objects.exists():
        return
    fake = Faker("nl_NL")
    fake.seed_instance(2026)
    rng = random.Random(2026)
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        for region in Veiligheidshuis.objects.order_by("code"):
            if region.code in UITVOERDERS:
                _seed_region(fake, rng, region)
        _known_elsewhere(date.today())
