"""K1, K2: answering a check from the published index: which dossiers hold the person, where,
whom to call, and the trail of each holding dossier recording who asked (S2). The same for a
check within this installation (K1) and one from a peer (K2)."""

from collections.abc import Mapping

from auditlog import get_logentry_model
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from config.audit import _access_entry
from elsewhere import pseudonyms as keyed
from elsewhere.answers import ACTIVE, ARCHIVED, Answer, Held
from elsewhere.models import Pseudonym
from parties.constants import FileKind
from parties.models import DataFile
from subjects.registry import DossierRef


def held_by(pseudonyms: Mapping[str, str], *, files) -> list[Held]:
    """The dossiers of `files` (a DataFile queryset) whose published pseudonyms under the
    current key equal one of `pseudonyms` (kind -> value), each with its answer: HIT on a BSN or
    the full name, "mogelijk" (POSSIBLE) on the surname alone. The rows found are locked until
    the transaction ends, so a destruction running now waits (K3). Stable order."""
    pairs = Q(pk__in=[])
    for kind, value in pseudonyms.items():
        if kind in keyed.KINDS and keyed.is_pseudonym(value):
            pairs |= Q(kind=kind, value=value)
    with transaction.atomic():  # the caller's, when there is one (`answer`, `check`)
        rows = list(
            Pseudonym.objects.filter(pairs, key_id=keyed.key_id(), data_file__in=files)
            .select_for_update()
            .order_by("file_label", "dossier_key", "kind")
            .values("file_label", "dossier_key", "kind", "data_file_id", "archived")
        )
    found: dict[DossierRef, dict] = {}
    for row in rows:
        ref = DossierRef(row["file_label"], row["dossier_key"])
        seen = found.setdefault(ref, {"kinds": set(), **row})
        seen["kinds"].add(row["kind"])
    data_files = DataFile.objects.select_related("veiligheidshuis").in_bulk(
        {seen["data_file_id"] for seen in found.values()}
    )
    contacts = contacts_of(data_files.values())
    held = []
    for ref, seen in found.items():
        match = keyed.match_of(seen["kinds"])
        data_file = data_files[seen["data_file_id"]]
        if match is None:
            continue
        answer = Answer(
            veiligheidshuis=data_file.veiligheidshuis.name,
            file="weegploeg" if data_file.kind == FileKind.WEEGPLOEG else data_file.name,
            state=ARCHIVED if seen["archived"] else ACTIVE,
            match=match,
            contact=contacts.get(data_file.pk, ""),
        )
        held.append(Held(ref=ref, answer=answer))
    return held


def contacts_of(data_files) -> dict[int, str]:
    """Per file, whom to call: the uitvoerders who keep it (its keeper group), by name and
    e-mail address, in a stable order; one query for all files."""
    by_group = {data_file.keeper_group_id: data_file.pk for data_file in data_files}
    users = (
        get_user_model()
        .objects.filter(groups__in=by_group, is_active=True)
        .order_by("last_name", "first_name", "pk")
        .values_list("groups", "first_name", "last_name", "email")
    )
    found: dict[int, list[str]] = {}
    for group, first_name, last_name, email in users:
        if group not in by_group:
            continue
        name = " ".join(part for part in (first_name, last_name) if part)
        found.setdefault(by_group[group], []).append(f"{name} <{email}>" if email else name)
    return {pk: ", ".join(names) for pk, names in found.items()}


def log_answers(held: list[Held], *, record, asking: str) -> int:
    """S2, K1: one access entry on the trail of each holding dossier, in one insert: the actor
    of the audit context (the asking user within this installation), the Veiligheidshuis or
    peer that asked (`asking`), the answer given; about `record` (the Check or IncomingCheck).
    Returns the entries written."""
    entries = [
        _access_entry(
            record,
            dossier=found.ref,
            additional_data={
                "known_elsewhere": {
                    "asked_by": asking,
                    "match": found.answer.match,
                    "state": found.answer.state,
                    "record": record._meta.label_lower,
                }
            },
        )
        for found in held
    ]
    get_logentry_model().objects.bulk_create(entries)
    return len(entries)


def answer(pseudonyms: Mapping[str, str], *, files, asking: str, record) -> list[Held]:
    """A check answered (`held_by`) and recorded on every holding dossier's trail
    (`log_answers`), in one transaction. The refs never leave this side: a caller sends only
    the answers."""
    with transaction.atomic():
        held = held_by(pseudonyms, files=files)
        log_answers(held, record=record, asking=asking)
    return held
