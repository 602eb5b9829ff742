"""The C8 guard: no race, ethnicity or nationality in free text (VH 9.3, 14.8; requirement C8).

VH 9.3 and 14.8 forbid recording or exchanging personal data about race, ethnicity or nationality,
and C8 asks that the application refuse such data even as free text it can recognise. Free text
(signals, analyses, minutes, names, addresses) is checked against the maintained list in
`forbidden_terms.txt` and the variants generated from it (diminutives, inflected adjectives,
"<adjective> afkomst"): whole words, after `normalise()` (NFKC, invisible characters removed,
look-alike letters folded, case and accents ignored).

Use `NoForbiddenCategory` wherever free text enters a file:

- on a model field: ``models.TextField(validators=[NoForbiddenCategory()])`` (model forms and
  `full_clean()` run it; it is deconstructible, so migrations serialise it); a field holding a
  person's name takes ``NoForbiddenCategory(kind="name")``, which lets pass the listed terms that
  are also Dutch names ("Berber", "Turk");
- on a form field: ``forms.CharField(validators=[NoForbiddenCategory()])``;
- in a DRF serializer: DRF runs Django validators and turns their `ValidationError` into its own
  with the same message and code, so ``serializers.CharField(validators=[NoForbiddenCategory()])``
  needs nothing extra. A `ModelSerializer` copies the model field's validators by itself.

A service that writes free text without a form calls `check_free_text(text, field="...")`, or
`validate_fields(instance, [...])` before a save with `update_fields`. A test walks every model of
the file apps and fails on a free-text field without the validator
(tests/subjects/test_c8_fields.py).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

TERMS_FILE = Path(__file__).with_name("forbidden_terms.txt")

CODE = "forbidden_category"
# VH 9.3, C8; the user reads what is wrong and what to do, not the codes.
MESSAGE = _(
    "This text mentions %(terms)s. Race, ethnicity and nationality may not be recorded: "
    "describe what happened without them."
)

# Kinds of field the validator serves: most free text, or a person's name.
TEXT, NAME = "text", "name"

# --- normalising ---------------------------------------------------------------------------------

# Letters of other scripts that look like Latin ones, as a spoofer would use them. Upper and
# lower case apart, because they look different: Greek "Η" is an H, "η" an n.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "а": "a", "В": "B", "в": "b", "Е": "E", "е": "e", "Ѕ": "S", "ѕ": "s",
        "І": "I", "і": "i", "Ј": "J", "ј": "j", "К": "K", "к": "k", "М": "M", "м": "m",
        "Н": "H", "н": "h", "О": "O", "о": "o", "Р": "P", "р": "p", "С": "C", "с": "c",
        "Т": "T", "т": "t", "У": "Y", "у": "y", "Х": "X", "х": "x", "Ү": "Y", "ү": "y",
        "Һ": "H", "һ": "h", "Ԁ": "D", "ԁ": "d", "Ԛ": "Q", "ԛ": "q", "Ԝ": "W", "ԝ": "w",
        "Ӏ": "I", "ӏ": "l", "Ь": "b", "ь": "b", "Ԍ": "G", "ԍ": "g", "Љ": "Lj", "Њ": "Nj",
        # Greek
        "Α": "A", "α": "a", "Β": "B", "β": "b", "Ε": "E", "ε": "e", "Ζ": "Z", "Η": "H",
        "η": "n", "Ι": "I", "ι": "i", "Κ": "K", "κ": "k", "Μ": "M", "Ν": "N", "ν": "v",
        "Ο": "O", "ο": "o", "Ρ": "P", "ρ": "p", "Τ": "T", "τ": "t", "Υ": "Y", "υ": "u",
        "Χ": "X", "χ": "x", "ϲ": "c", "Ϲ": "C", "ϳ": "j",
        # Latin letters that NFKC leaves alone
        "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ʀ": "r",
        # dashes and hyphens of every kind read as the hyphen-minus
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    }
)  # fmt: skip


def _invisible(char: str) -> bool:
    """Zero-width and other format characters (U+200B-U+200D, U+2060, U+FEFF, bidi marks) and
    the soft hyphen U+00AD: they split a word for the matcher but not for the reader."""
    return unicodedata.category(char) == "Cf"


def normalise(text: str) -> str:
    """The text as the matcher reads it: NFKC, invisible characters removed, look-alike letters
    as Latin, lower case without accents ("Syriër" -> "syrier"), whitespace runs as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if not _invisible(char))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(LOOK_ALIKES).casefold().split())


# --- the list and its variants ------------------------------------------------------------------

AS_WRITTEN, PERSONS, ADJECTIVES, ORIGIN_WORDS = (
    "as written",
    "persons",
    "adjectives",
    "origin words",
)
SECTIONS = (AS_WRITTEN, PERSONS, ADJECTIVES, ORIGIN_WORDS)
_SECTION = re.compile(r"^==\s*(.+?)\s*==$")


@dataclass(frozen=True)
class Entry:
    term: str
    section: str
    flags: frozenset[str]


@cache
def entries() -> tuple[Entry, ...]:
    """The lines of the data file, in order, with their section and flags."""
    section, found = AS_WRITTEN, []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if heading := _SECTION.match(line):
            section = heading.group(1)
            if section not in SECTIONS:
                raise ValueError(f"Unknown section {section!r} in {TERMS_FILE.name}.")
            continue
        term, _bar, flags = line.partition("|")
        found.append(Entry(term.strip(), section, frozenset(flags.split())))
    return tuple(found)


@cache
def forbidden_terms() -> tuple[str, ...]:
    """The maintained terms, as written in the file (origin words, harmless alone, left out)."""
    terms = []
    for entry in entries():
        if entry.section != ORIGIN_WORDS and entry.term not in terms:
            terms.append(entry.term)
    return tuple(terms)


def diminutives(noun: str) -> list[str]:
    """Dutch diminutives of a noun for a person, with their plurals: "Marokkaan" ->
    "Marokkaantje", "Turk" -> "Turkje". Every ending is tried (-je, -tje, -pje, -etje, with
    the consonant doubled): a word that is not Dutch harms nobody."""
    stems = [noun, noun + noun[-1]]
    forms = [stem + ending for stem in stems for ending in ("je", "tje", "pje", "etje")]
    return [each for form in forms for each in (form, form + "s")]


def inflected(adjective: str) -> list[str]:
    """The Dutch adjective with its -e form: "Egyptisch" -> "Egyptische", "Eritrees" ->
    "Eritrese", "raciaal" -> "raciale", "Pools" -> "Poolse"."""
    if adjective.endswith("e"):
        return [adjective]
    double = re.search(r"(aa|ee|oo|uu)([^aeiou])$", adjective)
    if double:
        return [adjective, adjective[: double.start()] + double.group(1)[0] + double.group(2) + "e"]
    return [adjective, adjective + "e"]


def variants(entry: Entry) -> list[str]:
    if entry.section == PERSONS:
        return [entry.term, *diminutives(entry.term)]
    if entry.section == ADJECTIVES:
        return inflected(entry.term)
    return [entry.term]


# --- matching --------------------------------------------------------------------------------

# "<adjective> afkomst": an adjective of nationality or place ends like these (Dutch: Egyptische,
# Amsterdamse; English: Egyptian, Chinese, Turkish, Pakistani) and has four letters or more...
ORIGIN_ADJECTIVE_ENDINGS = ("se", "sche", "an", "ese", "ish", "i")
# ... except these ordinary words ("goederen van diverse herkomst").
ORDINARY_ADJECTIVES = frozenset(
    {"diverse", "valse", "perverse", "intense", "immense", "dense", "boze", "vage"}
)


def _term_pattern(normal: str) -> str:
    """Whitespace between words; a hyphen matches a hyphen, a space or nothing."""
    words = [
        r"[-\s]?".join(re.escape(part) for part in word.split("-")) for word in normal.split(" ")
    ]
    return r"\s+".join(words)


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern
    by_normal: dict[str, str]
    origin: re.Pattern
    label: re.Pattern


def _key(text: str) -> str:
    return re.sub(r"[-\s]+", "", text)


@cache
def matcher(kind: str = TEXT) -> Matcher:
    by_normal: dict[str, str] = {}
    origin_words, label_words = [], []
    for entry in entries():
        if entry.section == ORIGIN_WORDS:
            origin_words.append(normalise(entry.term))
            if "label" in entry.flags:
                label_words.append(normalise(entry.term))
            continue
        for variant in variants(entry):
            if kind == NAME and "name" in entry.flags and variant == entry.term:
                continue
            by_normal.setdefault(_key(normalise(variant)), variant)
    # Longest first, so a phrase wins over a term it contains; whole words only.
    normals = sorted(
        {normalise(v) for entry in entries() for v in variants(entry)}, key=len, reverse=True
    )
    alternatives = [_term_pattern(normal) for normal in normals if _key(normal) in by_normal]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    origins = "|".join(re.escape(word) for word in origin_words)
    origin = re.compile(r"(?<![\w-])([\w-]{4,})\s+(?:" + origins + r")(?!\w)")
    labels = "|".join(re.escape(word) for word in label_words)
    label = re.compile(r"(?<!\w)(?:" + labels + r")\s*[:=]")
    return Matcher(pattern, by_normal, origin, label)


def find_forbidden_terms(text: str, *, kind: str = TEXT) -> list[str]:
    """The listed terms (or their variants, or "<adjective> afkomst") the text contains, in order
    of first appearance, each once."""
    if not text:
        return []
    match_for = matcher(kind)
    normal = normalise(text)
    hits: list[tuple[int, str]] = []
    for match in match_for.pattern.finditer(normal):
        hits.append((match.start(), match_for.by_normal[_key(match.group())]))
    starts = {start for start, _term in hits}
    for match in match_for.origin.finditer(normal):
        adjective = match.group(1)
        if match.start() in starts:
            continue  # the adjective is listed itself: "Marokkaanse afkomst" names "Marokkaanse"
        if adjective.endswith(ORIGIN_ADJECTIVE_ENDINGS) and adjective not in ORDINARY_ADJECTIVES:
            hits.append((match.start(), " ".join(match.group().split())))
    for match in match_for.label.finditer(normal):
        hits.append((match.start(), match.group().rstrip(":= ")))
    found = []
    for _start, term in sorted(hits, key=lambda hit: hit[0]):
        if term not in found:
            found.append(term)
    return found


def check_free_text(text: str, *, field: str | None = None, kind: str = TEXT) -> None:
    """Refuse text naming race, ethnicity or nationality (C8); `field` keys the error."""
    found = find_forbidden_terms(text, kind=kind)
    if not found:
        return
    error = ValidationError(
        MESSAGE, code=CODE, params={"terms": ", ".join(f"“{term}”" for term in found)}
    )
    if field:
        raise ValidationError({field: [error]})
    raise error


def validate_fields(instance, fields, *, names: dict[str, str] | None = None) -> None:
    """Run the model validators of `fields` only, as a service does before a save with
    `update_fields` (the C8 guard included); errors keyed by `names` (model field -> the name
    the form and the API use), else by the model field."""
    exclude = {field.name for field in instance._meta.fields} - set(fields)
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as invalid:
        names = names or {}
        raise ValidationError(
            {names.get(field, field): errors for field, errors in invalid.error_dict.items()}
        ) from invalid


@deconstructible(path="subjects.guard.NoForbiddenCategory")
class NoForbiddenCategory:
    """Validator for free-text fields of models, forms and DRF serializers (C8). `kind="name"`
    for a person's name: the listed terms that are also Dutch names then pass."""

    code = CODE

    def __init__(self, kind: str = TEXT):
        if kind not in (TEXT, NAME):
            raise ValueError(f"Unknown kind {kind!r}.")
        self.kind = kind

    def __call__(self, value) -> None:
        if value is None:
            return
        check_free_text(str(value), kind=self.kind)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoForbiddenCategory) and self.kind == other.kind

    def __hash__(self) -> int:
        return hash((NoForbiddenCategory, self.kind))
