"""K2: keyed pseudonyms of a person's identity, the only thing about a person that crosses
between installations, and what the published index of this installation holds (K1, K3).

Three per person, each an HMAC-SHA-256 under the key the participating installations share
(`KNOWN_ELSEWHERE_KEY`, configuration only): of the BSN, of the normalised full name and date of
birth, and of the normalised surname (with prefix) and date of birth. The first two make a hit,
as `subjects.matching` matches; the surname alone makes a near match ("mogelijk"), which the
holding side must confirm. Without a shared key the installation still answers K1 with a key
derived from its SECRET_KEY, and asks no peer."""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import date

from django.conf import settings
from django.utils.crypto import salted_hmac

from subjects.matching import normalise_name

BSN, NAME, SURNAME = "bsn", "name", "surname"
KINDS = (BSN, NAME, SURNAME)
# The kinds whose match is a hit; a match on SURNAME alone is "mogelijk" (K1).
CERTAIN = (BSN, NAME)
HIT, POSSIBLE = "hit", "possible"


def current_key() -> bytes:
    shared = getattr(settings, "KNOWN_ELSEWHERE_KEY", "")
    if shared:
        return shared.encode()
    return salted_hmac("elsewhere.pseudonyms", "local", algorithm="sha256").digest()


def key_id(key: bytes | None = None) -> str:
    """A short name of the key, sent with every check so peers on another key answer that
    they cannot compare rather than "no hit"; reveals nothing of the key."""
    key = current_key() if key is None else key
    return hashlib.sha256(b"known-elsewhere key id:" + key).hexdigest()[:16]


def _mac(key: bytes, kind: str, text: str) -> str:
    return hmac.new(key, f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()


def pseudonyms_of(
    *,
    given_names: str,
    prefix: str,
    surname: str,
    date_of_birth: date,
    bsn: str = "",
    key: bytes | None = None,
) -> dict[str, str]:
    """The pseudonyms of one identity by kind; no BSN pseudonym without a BSN."""
    key = current_key() if key is None else key
    born = date_of_birth.isoformat()
    found = {
        NAME: _mac(key, NAME, f"{normalise_name(given_names, prefix, surname)}|{born}"),
        SURNAME: _mac(key, SURNAME, f"{normalise_name(prefix, surname)}|{born}"),
    }
    if bsn:
        found[BSN] = _mac(key, BSN, bsn.strip())
    return found


def match_of(matched_kinds) -> str | None:
    """HIT when a certain pseudonym matched, POSSIBLE for the surname alone, else None."""
    matched = set(matched_kinds)
    if matched & set(CERTAIN):
        return HIT
    return POSSIBLE if SURNAME in matched else None


def is_pseudonym(value: str) -> bool:
    return len(value) == 64 and all(char in "0123456789abcdef" for char in value)


def of_identity(identity, key: bytes | None = None) -> Mapping[str, str]:
    """`pseudonyms_of` for a `subjects.registry.Identity` or a PersonData row."""
    return pseudonyms_of(
        given_names=identity.given_names,
        prefix=identity.prefix,
        surname=identity.surname,
        date_of_birth=identity.date_of_birth,
        bsn=identity.bsn or "",
        key=key,
    )
