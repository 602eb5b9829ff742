"""K2: the rules of the protocol between installations, once: who is calling (mutual TLS, the
certificate passed on by the trusted reverse proxy), how often it may ask, and what a question
may hold (the pseudonyms of one person, nothing else).

The TLS is terminated by the reverse proxy (nginx), which verifies the client certificate
against the CA of the participating installations and passes it on:

    ssl_verify_client optional;
    proxy_set_header X-Client-Certificate $ssl_client_escaped_cert;
    proxy_set_header X-Client-Verify $ssl_client_verify;

Those headers count only on a request from a trusted proxy (`TRUSTED_PROXIES`); anyone else
could write them. The peer is the active `Peer` whose certificate has the same SHA-256
fingerprint."""

import logging
import time
from urllib.parse import unquote

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.client_address import from_trusted_proxy
from elsewhere import pseudonyms
from elsewhere.peers.selectors import peer_by_fingerprint
from elsewhere.peers.services import fingerprint_of

logger = logging.getLogger(__name__)

CERTIFICATE_HEADER = "HTTP_X_CLIENT_CERTIFICATE"
VERIFY_HEADER = "HTTP_X_CLIENT_VERIFY"
VERIFIED = "SUCCESS"
WINDOW = 60  # seconds: the limit is a number of checks per minute, in fixed windows

# IncomingCheck.refused
RATE, ENUMERATION, KEY = "rate", "enumeration", "key"
FIELDS = ("keyId", "pseudonyms")


def calling_peer(request):
    """The active peer that made this request, proven by its client certificate; None for
    anyone else (no certificate, not verified, not through a trusted proxy, unknown)."""
    if not from_trusted_proxy(request):
        return None
    if request.META.get(VERIFY_HEADER, "") != VERIFIED:
        return None
    pem = unquote(request.META.get(CERTIFICATE_HEADER, ""))
    if not pem:
        return None
    try:
        fingerprint = fingerprint_of(pem)
    except ValidationError:
        return None
    peer = peer_by_fingerprint(fingerprint)
    if peer is None:
        logger.warning("Known elsewhere: a call with an unknown client certificate refused.")
    return peer


def take_turn(peer) -> int:
    """Count this request in the peer's current window; the seconds to wait when it is over
    the peer's limit, else 0. A fixed window per minute in the shared cache (Redis in
    production), keyed by the certificate, so every web process counts together."""
    now = time.time()
    window = int(now // WINDOW)
    key = f"elsewhere:rate:{peer.fingerprint}:{window}"
    cache.add(key, 0, timeout=WINDOW * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW * 2)
        count = 1
    if count <= peer.requests_per_minute:
        return 0
    return max(1, int((window + 1) * WINDOW - now))


def _invalid(name: str, code: str, reason: str) -> dict:
    return {"name": name, "code": code, "reason": reason}


def read_question(data) -> tuple[str, dict[str, str], list[dict]]:
    """The key id and the pseudonyms of one person from a request body, and the invalid
    parameters: anything but `keyId` and one 64-hex value for each of at most the three kinds
    (bsn optional, name and surname required) is refused, so that no peer can ask about more
    than one person at once (no enumeration)."""
    problems = []
    if not isinstance(data, dict):
        return "", {}, [_invalid("body", "invalid", _("The question is one JSON object."))]
    for name in sorted(set(data) - set(FIELDS)):
        problems.append(_invalid(name, "unknown_field", _("This field is not part of a check.")))
    key_id = data.get("keyId")
    if not isinstance(key_id, str) or not key_id:
        problems.append(_invalid("keyId", "required", _("The id of the key is required.")))
        key_id = ""
    given = data.get("pseudonyms")
    if not isinstance(given, dict):
        problems.append(
            _invalid(
                "pseudonyms",
                "invalid",
                _("The pseudonyms of one person, one value per kind, are required."),
            )
        )
        return key_id, {}, problems
    if len(given) > len(pseudonyms.KINDS):
        problems.append(
            _invalid("pseudonyms", "too_many", _("At most one pseudonym of each kind."))
        )
    for kind in sorted(set(given) - set(pseudonyms.KINDS), key=str):
        problems.append(
            _invalid(f"pseudonyms.{kind}", "unknown_kind", _("This is no kind of pseudonym."))
        )
    for kind in (pseudonyms.NAME, pseudonyms.SURNAME):
        if kind not in given:
            problems.append(
                _invalid(f"pseudonyms.{kind}", "required", _("This pseudonym is required."))
            )
    found = {}
    for kind in pseudonyms.KINDS:
        if kind not in given:
            continue
        value = given[kind]
        if not isinstance(value, str) or not pseudonyms.is_pseudonym(value):
            problems.append(
                _invalid(
                    f"pseudonyms.{kind}",
                    "invalid",
                    _("One pseudonym: 64 lower-case hexadecimal characters."),
                )
            )
        else:
            found[kind] = value
    return key_id, found, problems
