"""What a check answers (K1, K2): per dossier held elsewhere, where and whom to call, never
what is in it or its number."""

from dataclasses import dataclass

from subjects.registry import DossierRef

ACTIVE, ARCHIVED = "active", "archived"


@dataclass(frozen=True)
class Answer:
    """One dossier about the person at another Veiligheidshuis (or installation)."""

    veiligheidshuis: str  # its name
    file: str  # "weegploeg", or the casusoverleg's name
    state: str  # ACTIVE or ARCHIVED
    match: str  # pseudonyms.HIT or pseudonyms.POSSIBLE
    contact: str  # the uitvoerder(s) to call: names and e-mail addresses
    source: str = ""  # "" for this installation, else the name of the peer that answered


@dataclass(frozen=True)
class Held:
    """An answer and the dossier it is about, which never leaves the holding side: its trail
    records the check (K1)."""

    ref: DossierRef
    answer: Answer
