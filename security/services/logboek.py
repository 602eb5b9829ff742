"""The access entries of a period in the shape of Logius' draft standard Logboek
Dataverwerkingen (version 0.8), as JSON Lines (S2, CTER 15.1e).

One record per access entry of a dossier: `trace_id` (16 bytes, hex) and `span_id` (8 bytes,
hex) derived stably from the entry, `name` (the processing: "lezen dossier", ...), `start_time`
and `end_time` (the entry's moment, ms), `status` (`Unset`: done without an internal error, as
the standard asks), and the attributes of the `dpl.core` namespace: the processing activity as a
URI into the register of processing activities (one per `parties.DataFile`), and the data
subject's id (the dossier number) encrypted with Fernet under `LOGBOEK_ENCRYPTION_KEY`, with its
type (`dossiernummer:<file>`). No name, no BSN, no actor: the standard's core only.

Entries of no dossier (a read of a user) are no processing of a data subject's file and are left
out. Whoever exports is logged: one access entry of kind "export" per Veiligheidshuis covered.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from config.audit import ReadKind, log_reads
from config.links import link_to
from parties.models import DataFile, Party, Veiligheidshuis
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef

CHUNK = 500
SERVICE_NAME = "veiligheidshuis"

# What an access entry's kind of read (`config.audit.ReadKind`) was, as the Logboek's `name`.
NAMES = {
    ReadKind.DETAIL: "lezen dossier",
    ReadKind.LIST: "tonen dossier in lijst",
    ReadKind.SEARCH: "zoeken dossier",
    ReadKind.ACTION: "handeling op dossier",
    ReadKind.EXPORT: "exporteren dossier",
}
DEFAULT_NAME = NAMES[ReadKind.DETAIL]  # object-level access entries (`log_access`) are reads


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The moments a period of whole days (both included) covers, in the site's time zone."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def access_entries(*, regions: QuerySet | None, start: date, end: date) -> QuerySet:
    """The access entries of dossiers in the period, oldest first. `regions` (the ones the
    exporter oversees) limits them to entries whose actor's party belongs to one of them or
    whose dossier is kept in a file of one of them; None: all (the command, for the
    controller)."""
    since, until = period_bounds(start, end)
    entries = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, timestamp__gte=since, timestamp__lt=until
    ).exclude(file_label="")
    if regions is not None:
        files = list(DataFile.objects.filter(veiligheidshuis__in=regions))
        scope = Q(actor_party__in=Party.objects.filter(veiligheidshuizen__in=regions))
        for file in registry.files():
            scope |= Q(file_label=file.label, dossier_key__in=file.dossier_keys(files))
        entries = entries.filter(scope)
    return entries.order_by("timestamp", "id")


def _hex(prefix: str, value, size: int) -> str:
    return hashlib.sha256(f"{prefix}:{value}".encode()).hexdigest()[: size * 2]


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _ActivityUris:
    """The processing activity of each dossier, looked up once per dossier."""

    def __init__(self):
        self.known: dict[tuple[str, str], str | None] = {}

    def __call__(self, file_label: str, key: str) -> str | None:
        found = self.known.get((file_label, key), ...)
        if found is ...:
            try:
                data_file = registry.get(file_label).data_file(DossierRef(file_label, key))
            except (KeyError, LookupError, ObjectDoesNotExist):
                found = None  # a file or dossier no longer there
            else:
                found = link_to(reverse("insights:processing-activity", args=[data_file.pk]))
            self.known[(file_label, key)] = found
        return found


def subject_cipher() -> Fernet:
    return Fernet(settings.LOGBOEK_ENCRYPTION_KEY)


def record(entry: dict, *, activity: str | None, cipher: Fernet) -> dict:
    """One Logboek record of one access entry (a dict of its columns)."""
    moment = _moment(entry["timestamp"])
    data = entry["additional_data"]
    kind = data.get("read") if isinstance(data, dict) else None
    return {
        "trace_id": _hex("trace", entry["cid"] or f"entry-{entry['id']}", 16),
        "span_id": _hex("span", entry["id"], 8),
        "parent_span_id": "",
        "name": NAMES.get(kind, DEFAULT_NAME),
        "start_time": moment,
        "end_time": moment,
        "status": "Unset",
        "resource": {"attributes": {"service.name": SERVICE_NAME}},
        "attributes": {
            "dpl.core.processing_activity_id": activity,
            "dpl.core.data_subject_id": cipher.encrypt(entry["dossier_key"].encode()).decode(),
            "dpl.core.data_subject_id_type": f"dossiernummer:{entry['file_label']}",
        },
    }


def records(entries: QuerySet) -> Iterator[dict]:
    activity = _ActivityUris()
    cipher = subject_cipher()
    columns = ("id", "timestamp", "cid", "additional_data", "file_label", "dossier_key")
    for entry in entries.values(*columns).iterator(chunk_size=CHUNK):
        yield record(
            entry, activity=activity(entry["file_label"], entry["dossier_key"]), cipher=cipher
        )


def export_lines(*, by, regions: Iterable, start: date, end: date, scoped: bool) -> Iterator[str]:
    """S2: log the export (one access entry of kind "export" per Veiligheidshuis covered), then
    give the JSON Lines lazily, to be streamed. `scoped`: limit the entries to `regions` (an
    overseer); else all entries (the command, run by the controller's administrator)."""
    regions = list(regions)
    log_reads(by, regions, kind=ReadKind.EXPORT)
    covered = Veiligheidshuis.objects.filter(pk__in=[region.pk for region in regions])
    entries = access_entries(regions=covered if scoped else None, start=start, end=end)
    return (
        json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
        for line in records(entries)
    )


def decrypt_subject_id(token: str) -> str:
    """The dossier number a record's `dpl.core.data_subject_id` encrypts (for whoever holds the
    key: the controller answering a data subject, the tests)."""
    return subject_cipher().decrypt(token.encode()).decode()
