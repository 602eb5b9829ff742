"""K2: a check asked by a peer installation, answered or refused, and recorded either way
(`IncomingCheck`). The endpoint (`elsewhere.api.views`) only reads the request and shapes
the response."""

from collections.abc import Mapping

from django.db import transaction

from elsewhere import answering
from elsewhere.models import IncomingCheck
from elsewhere.remote import WIRE_FIELDS
from elsewhere.selectors import published_files


def files_for(peer):
    """The files the peer may be answered about: configured for it and with a basis (K1)."""
    return published_files().filter(pk__in=peer.files.values("pk"))


def answer_peer(peer, found: Mapping[str, str]) -> list[dict]:
    """The answers to the peer's check about one person (`found`: kind -> pseudonym), as they
    cross: only the protocol's fields. Recorded, and on every holding dossier's trail."""
    with transaction.atomic():
        record = IncomingCheck.objects.create(peer=peer, pseudonym_count=len(found))
        held = answering.answer(found, files=files_for(peer), asking=peer.name, record=record)
        record.hit_count = len(held)
        record.save(update_fields=["hit_count"])
    return [{name: getattr(each.answer, name) for name in WIRE_FIELDS} for each in held]


def refuse_peer(peer, refused: str, *, pseudonym_count: int = 0) -> IncomingCheck:
    """A refused check (rate, enumeration, key), recorded."""
    return IncomingCheck.objects.create(peer=peer, pseudonym_count=pseudonym_count, refused=refused)
