"""The figures of issue 13 at national scale, and what a scale makes of them.

Scale 1 ("national"): 25 Veiligheidshuizen, every gemeente of `parties/data/gemeenten.csv`,
5,800 users, 250,000 assessments, 338,000 signals, 60,000 cases, 300,000 measures and 10 million
audit entries. A smaller scale takes the same share of every count; below 1/25 it also takes fewer
Veiligheidshuizen (at least two), so a tiny seed stays tiny but keeps its shape."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

NATIONAL = {
    "users": 5_800,
    "assessments": 250_000,
    "signals": 338_000,
    "cases": 60_000,
    "measures": 300_000,
    "audit_entries": 10_000_000,
}

# The 25 safety regions (veiligheidsregio's), one Veiligheidshuis each, with the police unit and
# the public prosecutor's district each falls under (ten of each).
REGIONS = [
    ("groningen", "Groningen", "Noord-Nederland"),
    ("fryslan", "Fryslân", "Noord-Nederland"),
    ("drenthe", "Drenthe", "Noord-Nederland"),
    ("ijsselland", "IJsselland", "Oost-Nederland"),
    ("twente", "Twente", "Oost-Nederland"),
    ("noord-en-oost-gelderland", "Noord- en Oost-Gelderland", "Oost-Nederland"),
    ("gelderland-midden", "Gelderland-Midden", "Oost-Nederland"),
    ("gelderland-zuid", "Gelderland-Zuid", "Oost-Nederland"),
    ("utrecht", "Utrecht", "Midden-Nederland"),
    ("flevoland", "Flevoland", "Midden-Nederland"),
    ("gooi-en-vechtstreek", "Gooi en Vechtstreek", "Midden-Nederland"),
    ("noord-holland-noord", "Noord-Holland Noord", "Noord-Holland"),
    ("zaanstreek-waterland", "Zaanstreek-Waterland", "Noord-Holland"),
    ("kennemerland", "Kennemerland", "Noord-Holland"),
    ("amsterdam-amstelland", "Amsterdam-Amstelland", "Amsterdam"),
    ("haaglanden", "Haaglanden", "Den Haag"),
    ("hollands-midden", "Hollands Midden", "Den Haag"),
    ("rotterdam-rijnmond", "Rotterdam-Rijnmond", "Rotterdam"),
    ("zuid-holland-zuid", "Zuid-Holland Zuid", "Rotterdam"),
    ("zeeland", "Zeeland", "Zeeland-West-Brabant"),
    ("midden-en-west-brabant", "Midden- en West-Brabant", "Zeeland-West-Brabant"),
    ("brabant-noord", "Brabant-Noord", "Oost-Brabant"),
    ("brabant-zuidoost", "Brabant-Zuidoost", "Oost-Brabant"),
    ("limburg-noord", "Limburg-Noord", "Limburg"),
    ("zuid-limburg", "Zuid-Limburg", "Limburg"),
]

# The history the seed spreads its dates over.
YEARS = 3


@dataclass(frozen=True)
class Plan:
    scale: float
    regions: int
    users: int
    assessments: int
    signals: int
    cases: int
    measures: int
    audit_entries: int
    access_entries: int  # extra access entries (reads) on top of the audit entries
    now: datetime

    @property
    def start(self) -> datetime:
        return self.now - timedelta(days=365 * YEARS)

    def rows(self) -> int:
        """Roughly how many rows the seed writes: the progress bar's total."""
        weegploeg = self.assessments * 9 + self.signals
        cases = self.cases * 16 + self.measures * 2
        return weegploeg + cases + self.audit_entries + self.access_entries + self.users * 4


def parse_scale(value: str) -> float:
    """ "national" is 1; otherwise a positive number up to 1 ("0.1", "0.0005")."""
    if str(value).strip().lower() == "national":
        return 1.0
    scale = float(value)
    if not 0 < scale <= 1:
        raise ValueError("The scale is 'national' or a number above 0 and at most 1.")
    return scale


def region_count(scale: float) -> int:
    """Every Veiligheidshuis from 1/25 up; fewer below, never less than two."""
    return min(len(REGIONS), max(2, math.ceil(len(REGIONS) ** 2 * scale)))


def make_plan(scale: float, *, now: datetime, access_entries: int = 0) -> Plan:
    def share(name: str, minimum: int) -> int:
        return max(minimum, round(NATIONAL[name] * scale))

    assessments = share("assessments", 20)
    cases = share("cases", 6)
    return Plan(
        scale=scale,
        regions=region_count(scale),
        users=share("users", 1),
        assessments=assessments,
        signals=max(assessments, share("signals", 1)),
        cases=min(cases, assessments // 2),
        measures=share("measures", 1),
        audit_entries=share("audit_entries", 1),
        access_entries=access_entries,
        now=now,
    )
