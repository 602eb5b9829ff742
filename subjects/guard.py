"""The C8 guard: no race, ethnicity or nationality in free text (VH 9.3, 14.8; requirement C8).

VH 9.3 and 14.8 forbid recording or exchanging personal data about race, ethnicity or nationality,
and C8 asks that the application refuse such data even as free text it can recognise. Free text
(signals, analyses, minutes) is checked against the maintained list in `forbidden_terms.txt`:
whole words, case and accents ignored.

Use `NoForbiddenCategory` wherever free text enters a file:

- on a model field: ``models.TextField(validators=[NoForbiddenCategory()])`` (model forms and
  `full_clean()` run it; it is deconstructible, so migrations serialise it);
- on a form field: ``forms.CharField(validators=[NoForbiddenCategory()])``;
- in a DRF serializer: DRF runs Django validators and turns their `ValidationError` into its own
  with the same message and code, so ``serializers.CharField(validators=[NoForbiddenCategory()])``
  needs nothing extra. A `ModelSerializer` copies the model field's validators by itself.

A service that writes free text without a form calls `check_free_text(text, field="...")`.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

TERMS_FILE = Path(__file__).with_name("forbidden_terms.txt")

CODE = "forbidden_category"
MESSAGE = _(
    "This text mentions %(terms)s. Race, ethnicity and nationality may not be recorded "
    "(VH 9.3, C8)."
)


def normalise(text: str) -> str:
    """Lower case without accents ("Syriër" -> "syrier"), whitespace runs as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


@cache
def forbidden_terms() -> tuple[str, ...]:
    """The maintained terms, as written in the file (comments and blank lines left out)."""
    terms = []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        term = line.split("#", 1)[0].strip()
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


@cache
def _matcher() -> tuple[re.Pattern, dict[str, str]]:
    by_normal = {}
    for term in forbidden_terms():
        by_normal.setdefault(normalise(term), term)
    # Longest first, so a phrase wins over a term it contains; whole words only, any whitespace
    # between the words of a phrase.
    alternatives = [
        r"\s+".join(re.escape(word) for word in normal.split(" "))
        for normal in sorted(by_normal, key=len, reverse=True)
    ]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    return pattern, by_normal


def find_forbidden_terms(text: str) -> list[str]:
    """The listed terms the text contains, in order of first appearance, each once."""
    if not text:
        return []
    pattern, by_normal = _matcher()
    found = []
    for match in pattern.finditer(normalise(text)):
        term = by_normal[" ".join(match.group().split())]
        if term not in found:
            found.append(term)
    return found


def check_free_text(text: str, *, field: str | None = None) -> None:
    """Refuse text naming race, ethnicity or nationality (C8); `field` keys the error."""
    found = find_forbidden_terms(text)
    if not found:
        return
    error = ValidationError(
        MESSAGE, code=CODE, params={"terms": ", ".join(f"“{term}”" for term in found)}
    )
    if field:
        raise ValidationError({field: [error]})
    raise error


@deconstructible(path="subjects.guard.NoForbiddenCategory")
class NoForbiddenCategory:
    """Validator for free-text fields of models, forms and DRF serializers (C8)."""

    code = CODE

    def __call__(self, value) -> None:
        if value is None:
            return
        check_free_text(str(value))

    def __eq__(self, other) -> bool:
        return isinstance(other, NoForbiddenCategory)

    def __hash__(self) -> int:
        return hash(NoForbiddenCategory)
