"""Identity matching: find the same person already in a file, by BSN or by normalised name and
date of birth, so the uitvoerder is warned instead of making a duplicate."""

import re
import unicodedata
from datetime import date

from django.db.models import Q, QuerySet


def normalise_name(*parts: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Éva  van der Berg-Jansen" and
    "eva van der berg jansen" are the same key."""
    text = " ".join(part for part in parts if part)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return text.strip()


def identity_filter(
    *, given_names: str, prefix: str, surname: str, date_of_birth: date, bsn: str = ""
) -> Q:
    same_name = Q(
        name_key=normalise_name(given_names, prefix, surname), date_of_birth=date_of_birth
    )
    return same_name | Q(bsn=bsn) if bsn else same_name


def find_matches(queryset: QuerySet, **identity) -> QuerySet:
    """The rows of `queryset` (a PersonData model) that are probably the same person."""
    return queryset.filter(identity_filter(**identity))
