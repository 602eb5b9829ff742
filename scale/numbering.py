"""Dossier numbers as `subjects.numbering` gives them ("W-2025-00001"): one counter per year of
opening, in order of opening, and the counters stored in `DossierSequence` afterwards, so the
next dossier opened in the application continues where the seed stopped. Past 99,999 a year
the serial grows ("W-2026-100000", as in the application); the lists order by the database's
`number_order`, which COPY leaves to the database (ADR 0023)."""

from subjects.models import DossierSequence
from subjects.numbering import format_number

WIDTH = 5


class Numbers:
    def __init__(self, letter: str, model):
        self.letter = letter
        self.model = model
        self.last: dict[str, int] = {}

    def next(self, opened) -> str:
        prefix = f"{self.letter}-{opened.year}-"
        self.last[prefix] = self.last.get(prefix, 0) + 1
        return format_number(prefix, self.last[prefix], WIDTH)

    def save(self) -> None:
        for prefix, last in self.last.items():
            DossierSequence.objects.update_or_create(
                key=f"{self.model._meta.label_lower}:{prefix}", defaults={"last": last}
            )
