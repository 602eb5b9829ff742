"""Synthetic people (every one made up): names and streets drawn from pools that Faker (nl_NL)
fills once, so a quarter of a million people cost seconds, not minutes. The name key is the
project's own (`subjects.matching.normalise_name`), as `PersonData.save` would set it; bulk
writing skips `save`."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from subjects.matching import normalise_name

PREFIXES = ("van der", "van den", "van de", "van", "de", "den", "ter", "te", "in 't", "op de")
POOL = 600


@dataclass(frozen=True)
class Person:
    given_names: str
    prefix: str
    surname: str
    date_of_birth: date
    bsn: str
    street: str
    house_number: str
    postcode: str
    municipality: str
    municipality_code: str

    @property
    def name_key(self) -> str:
        return normalise_name(self.given_names, self.prefix, self.surname)

    def fields(self) -> tuple:
        """The PersonData columns in `PERSON_COLUMNS` order."""
        return (
            self.surname,
            self.prefix,
            self.given_names,
            self.date_of_birth,
            self.street,
            self.house_number,
            self.postcode,
            self.municipality,
            self.municipality_code,
            self.bsn,
            self.name_key,
        )


PERSON_COLUMNS = (
    "surname",
    "prefix",
    "given_names",
    "date_of_birth",
    "street",
    "house_number",
    "postcode",
    "municipality",
    "municipality_code",
    "bsn",
    "name_key",
)


def _split(name: str) -> tuple[str, str]:
    for prefix in PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    return "", name


def bsn(rng: random.Random) -> str:
    """Nine digits that pass the eleven-test (`subjects.bsn.passes_eleven_test`)."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        last = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


class People:
    """Makes people who live in a given gemeente, reproducibly from `rng`."""

    def __init__(self, rng: random.Random, today: date):
        fake = Faker("nl_NL")
        fake.seed_instance(rng.randint(0, 2**31))
        self.rng = rng
        self.today = today
        self.given = [fake.first_name() for _ in range(POOL)]
        self.surnames = [_split(fake.last_name()) for _ in range(POOL)]
        self.streets = [fake.street_name() for _ in range(POOL)]
        self.reporters = [fake.name() for _ in range(POOL)]
        self.phones = [fake.phone_number() for _ in range(POOL)]

    def person(self, municipality: str, code: str) -> Person:
        rng = self.rng
        prefix, surname = rng.choice(self.surnames)
        letters = "ABCDEFGHJKLMNPRSTVWXZ"
        return Person(
            given_names=rng.choice(self.given),
            prefix=prefix,
            surname=surname,
            date_of_birth=self.today - timedelta(days=rng.randint(15 * 365, 60 * 365)),
            bsn=bsn(rng) if rng.random() < 0.6 else "",
            street=rng.choice(self.streets),
            house_number=str(rng.randint(1, 250)),
            postcode=f"{rng.randint(1000, 9999)}{rng.choice(letters)}{rng.choice(letters)}",
            municipality=municipality,
            municipality_code=code,
        )

    def reporter(self) -> tuple[str, str]:
        return self.rng.choice(self.reporters), self.rng.choice(self.phones)
