"""K2: asking the peer installations. (Stub: owned and replaced by the K2 work.)"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from elsewhere.answers import Answer


@dataclass
class RemoteOutcome:
    answers: list[Answer] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # names of peers that did not answer
    asked: list[str] = field(default_factory=list)  # names of the peers asked


def ask_peers(pseudonyms: Mapping[str, str], *, data_file) -> RemoteOutcome:
    """Send `pseudonyms` (kind -> value) to the active peers configured for `data_file`, in
    parallel, each within 2 s; the answers, and which peers did not answer."""
    return RemoteOutcome()
