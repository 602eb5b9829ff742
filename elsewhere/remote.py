"""K2: asking the peer installations. The pseudonyms of one person go to every active peer
configured for the asking file, in parallel, over HTTPS with this installation's client
certificate (mutual TLS), the peer verified against `KNOWN_ELSEWHERE_CA`. A peer has
`KNOWN_ELSEWHERE_TIMEOUT` (2 s) in all; one that errs, is late, answers anything but 200 (409:
another key) or an answer not exactly as the protocol says counts as unanswered, by name.
Nothing but the key id and the pseudonyms is sent; nothing but the answers is read."""

import http.client
import json
import logging
import ssl
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings

from elsewhere import pseudonyms
from elsewhere.answers import ACTIVE, ARCHIVED, Answer
from elsewhere.peers.selectors import peers_to_ask

logger = logging.getLogger(__name__)

PATH = "/api/v1/bekend-elders/vragen"
# What an answer holds, exactly, per dossier: no other field crosses.
WIRE_FIELDS = ("veiligheidshuis", "file", "state", "match", "contact")
MAX_ANSWER_BYTES = 256 * 1024
MAX_ANSWERS = 100
MAX_TEXT = 2000


@dataclass
class RemoteOutcome:
    answers: list[Answer] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # names of peers that did not answer
    asked: list[str] = field(default_factory=list)  # names of the peers asked


class Unanswered(Exception):  # noqa: N818 - an outcome, not a failure of ours
    pass


def is_configured() -> bool:
    """Peers are asked only with a shared key and a client certificate and its key."""
    return bool(
        settings.KNOWN_ELSEWHERE_KEY
        and settings.KNOWN_ELSEWHERE_CLIENT_CERT
        and settings.KNOWN_ELSEWHERE_CLIENT_KEY
    )


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=settings.KNOWN_ELSEWHERE_CA or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(
        settings.KNOWN_ELSEWHERE_CLIENT_CERT, settings.KNOWN_ELSEWHERE_CLIENT_KEY
    )
    return context


def read_answers(body: bytes, *, source: str) -> list[Answer]:
    """The answers of a 200, exactly `{"answers": [{<WIRE_FIELDS>}]}`; Unanswered otherwise."""
    try:
        data = json.loads(body)
    except ValueError as error:
        raise Unanswered("not JSON") from error
    if not isinstance(data, dict) or set(data) != {"answers"}:
        raise Unanswered("not an answer")
    items = data["answers"]
    if not isinstance(items, list) or len(items) > MAX_ANSWERS:
        raise Unanswered("not a list of answers")
    answers = []
    for item in items:
        if not isinstance(item, dict) or set(item) != set(WIRE_FIELDS):
            raise Unanswered("an answer with other fields")
        if not all(isinstance(item[name], str) and len(item[name]) <= MAX_TEXT for name in item):
            raise Unanswered("an answer with other values")
        if item["state"] not in (ACTIVE, ARCHIVED) or item["match"] not in (
            pseudonyms.HIT,
            pseudonyms.POSSIBLE,
        ):
            raise Unanswered("an answer with other values")
        answers.append(Answer(**{name: item[name] for name in WIRE_FIELDS}, source=source))
    return answers


def _ask(peer: dict, body: bytes, context: ssl.SSLContext, deadline: float) -> list[Answer]:
    address = urlsplit(peer["base_url"])
    if address.scheme != "https" or not address.hostname:
        raise Unanswered("not an https address")
    connection = http.client.HTTPSConnection(
        address.hostname,
        address.port or 443,
        context=context,
        timeout=max(0.05, deadline - time.monotonic()),
    )
    try:
        connection.request(
            "POST",
            address.path.rstrip("/") + PATH,
            body=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        response = connection.getresponse()
        content = response.read(MAX_ANSWER_BYTES + 1)
    finally:
        connection.close()
    if response.status != 200:
        raise Unanswered(f"status {response.status}")
    if len(content) > MAX_ANSWER_BYTES:
        raise Unanswered("too long")
    return read_answers(content, source=peer["name"])


def ask_peers(pseudonyms_of_person: Mapping[str, str], *, data_file) -> RemoteOutcome:
    """Send `pseudonyms_of_person` (kind -> value) to the active peers configured for
    `data_file`, in parallel, each within `KNOWN_ELSEWHERE_TIMEOUT`; the answers, and which
    peers did not answer. Asks no peer without a shared key and a client certificate."""
    if not is_configured():
        return RemoteOutcome()
    peers = list(peers_to_ask(data_file).values("name", "base_url"))
    if not peers:
        return RemoteOutcome()
    body = json.dumps(
        {
            "keyId": pseudonyms.key_id(),
            "pseudonyms": {
                kind: pseudonyms_of_person[kind]
                for kind in pseudonyms.KINDS
                if kind in pseudonyms_of_person
            },
        }
    ).encode()
    outcome = RemoteOutcome(asked=[peer["name"] for peer in peers])
    try:
        context = tls_context()
    except (OSError, ssl.SSLError) as error:
        # A missing or unreadable certificate, key or CA: no peer can be asked.
        logger.error("Known elsewhere: no TLS context (%s); no peer asked.", type(error).__name__)
        outcome.unanswered = list(outcome.asked)
        return outcome
    timeout = settings.KNOWN_ELSEWHERE_TIMEOUT
    deadline = time.monotonic() + timeout
    pool = ThreadPoolExecutor(max_workers=len(peers), thread_name_prefix="known-elsewhere")
    try:
        asked = {pool.submit(_ask, peer, body, context, deadline): peer for peer in peers}
        done, _ = wait(asked, timeout=timeout)
    finally:
        # A late peer's thread ends with its socket's timeout; nobody waits for it.
        pool.shutdown(wait=False, cancel_futures=True)
    for future, peer in asked.items():
        error = None if future in done else "timeout"
        if error is None and future.exception() is not None:
            error = type(future.exception()).__name__
        if error is None:
            outcome.answers += future.result()
        else:
            logger.warning("Known elsewhere: peer %s did not answer (%s).", peer["name"], error)
            outcome.unanswered.append(peer["name"])
    return outcome
