"""The Dutch municipalities (gemeenten) with their CBS codes, shipped as data
(`parties/data/gemeenten.csv`; its header says where the list comes from and as of when).

One rule in one place: a form picks a gemeente by name and gets its code from here, the API
checks a code against the same list. The list is read once per process."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data" / "gemeenten.csv"

# Names people use that are not the CBS name.
ALIASES = {"den haag": "0518", "den bosch": "0796"}


@dataclass(frozen=True)
class Municipality:
    code: str  # four digits, as stored on a subject and on a gemeente party
    name: str  # as CBS writes it


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality, by name."""
    with DATA.open(encoding="utf-8") as data:
        rows = csv.DictReader(line for line in data if not line.startswith("#"))
        found = [Municipality(code=row["code"], name=row["name"]) for row in rows]
    return tuple(sorted(found, key=lambda m: _key(m.name.removeprefix("'s-"))))


@cache
def _by_code() -> dict[str, Municipality]:
    return {m.code: m for m in municipalities()}


@cache
def _by_name() -> dict[str, Municipality]:
    named = {_key(m.name): m for m in municipalities()}
    return {**{alias: _by_code()[code] for alias, code in ALIASES.items()}, **named}


def by_name(name: str) -> Municipality | None:
    """The municipality of that name (case and spacing do not matter), or None."""
    return _by_name().get(_key(name or ""))


def by_code(code: str) -> Municipality | None:
    return _by_code().get((code or "").strip())


def is_known_code(code: str) -> bool:
    return by_code(code) is not None


def names() -> list[str]:
    return [m.name for m in municipalities()]


def check_name(name: str) -> Municipality:
    """The municipality a form's name stands for, or a refusal that says what to do."""
    found = by_name(name)
    if found is None:
        raise ValidationError(
            _("“%(name)s” is not a Dutch municipality. Choose the municipality from the list.")
            % {"name": (name or "").strip()[:100]},
            code="unknown_municipality",
        )
    return found


def check_code(code: str) -> str:
    """The code when it is the CBS code of a municipality, or a refusal."""
    if not is_known_code(code):
        raise ValidationError(
            _(
                "This is not the CBS code of a Dutch municipality: give its four digits, for "
                "example 0392 for Haarlem."
            ),
            code="unknown_municipality_code",
        )
    return code.strip()
