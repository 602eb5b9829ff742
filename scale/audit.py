"""The audit entries of the seed (S2): one for every row made (create) and every change of
state (update), as django-auditlog writes them, and reads of the dossiers (access) up to the
number planned, each with its dossier (file label and key, B8), its actor and the actor's party.

The entries are written in time order, as a live system writes them, and sealed in the project's
hash chain as they go (`security.services.chain.entry_hash`, continuing from the chain's head),
so `verify_audit_chain` holds and a destruction records its purged links as it would in real
life. To keep memory flat the entries wait in one spill file per month until they are written.

The table's secondary indexes are dropped while the entries stream in and made again after
(`--keep-audit-indexes` keeps them): the same indexes, built once instead of row by row."""

import hashlib
import json
import pickle
import random
import tempfile
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii as _quote
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone, translation

from scale.bulk import copy_rows, reserve_ids
from security.models import AuditEntry, ChainHead
from security.services.chain import HASHED_COLUMNS, entry_hash, seal_pending

CREATE, UPDATE, ACCESS = (
    AuditEntry.Action.CREATE,
    AuditEntry.Action.UPDATE,
    AuditEntry.Action.ACCESS,
)
FLUSH = 50_000
READ_KINDS = ('{"read": "detail"}',) * 6 + ('{"read": "list"}',) * 3 + ('{"read": "export"}',)
COLUMNS = (*HASHED_COLUMNS, "previous_hash", "entry_hash")


class AuditLog:
    def __init__(self, *, party_of: dict, rng: random.Random, now: datetime):
        self.rng = rng
        self.now = now.timestamp()  # no entry after the seed's moment
        self.party_of = {pk: (party.pk, party.name) for pk, party in party_of.items()}
        self.dir = tempfile.TemporaryDirectory(prefix="seed_scale_")
        self.buffers: dict[int, list] = {}
        self.counted = 0
        self.dossiers: list[tuple] = []  # (file label, key, ct, id, start, end, readers)
        self._types: dict[type, int] = {}
        self._labels: dict[type, str] = {}

    # --- what the generators call ---------------------------------------------------------------

    def type_of(self, model) -> int:
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
            with translation.override("nl"):
                sample = str(model(pk=1))
            self._labels[model] = sample[:-1] if sample.endswith("#1") else ""
        return self._types[model]

    def repr_of(self, model, pk: int, number: str = "") -> str:
        self.type_of(model)
        return number or f"{self._labels[model]}{pk}"

    def add(self, moment: datetime, action, model, pk, actor, label, key, changes, number=""):
        """One entry; `changes` is a dict (or None), `actor` a user pk (or None)."""
        ct = self.type_of(model)
        text = _canonical(changes) if changes is not None else None
        self._put(
            moment.timestamp(),
            (action, ct, pk, self.repr_of(model, pk, number), actor, label, key, text, None),
        )

    def created(self, moment, model, pk, actor, label, key, number="", **fields):
        changes = {"id": ["None", str(pk)], **{k: ["None", str(v)] for k, v in fields.items()}}
        self.add(moment, CREATE, model, pk, actor, label, key, changes, number)

    def changed(self, moment, model, pk, actor, label, key, number="", **fields):
        changes = {k: [str(old), str(new)] for k, (old, new) in fields.items()}
        self.add(moment, UPDATE, model, pk, actor, label, key, changes, number)

    def dossier(self, label, key, model, pk, start: datetime, end: datetime, readers) -> None:
        """A dossier whose pages are read by `readers` (user pks) between `start` and `end`."""
        last = min(end.timestamp(), self.now)
        self.dossiers.append(
            (label, key, self.type_of(model), pk, start.timestamp(), last, readers)
        )

    # --- spilling -------------------------------------------------------------------------------

    def _put(self, stamp: float, entry: tuple) -> None:
        month = int(stamp // 2_629_746)  # an average month, in seconds
        bucket = self.buffers.setdefault(month, [])
        bucket.append((stamp, entry))
        self.counted += 1
        if len(bucket) >= FLUSH:
            self._flush(month)

    def _flush(self, month: int) -> None:
        bucket = self.buffers.get(month)
        if bucket:
            with (Path(self.dir.name) / f"{month}.pickle").open("ab") as spill:
                pickle.dump(bucket, spill, protocol=pickle.HIGHEST_PROTOCOL)
            self.buffers[month] = []

    def _month(self, month: int) -> list:
        entries = list(self.buffers.pop(month, []))
        path = Path(self.dir.name) / f"{month}.pickle"
        if path.exists():
            with path.open("rb") as spill:
                while True:
                    try:
                        entries += pickle.load(spill)  # noqa: S301 - our own spill file
                    except EOFError:
                        break
            path.unlink()
        entries.sort(key=lambda pair: pair[0])
        return entries

    # --- reads and writing ----------------------------------------------------------------------

    def add_reads(self, count: int) -> None:
        """`count` access entries, each a read of a random dossier in its life by one of its
        readers (`config.audit.log_reads`: one entry per dossier, with the kind of read)."""
        rng, dossiers = self.rng, self.dossiers
        if not dossiers:
            return
        pick, uniform, choice = rng.randrange, rng.uniform, rng.choice
        for _ in range(count):
            label, key, ct, pk, start, end, readers = dossiers[pick(len(dossiers))]
            entry = (ACCESS, ct, pk, key, choice(readers), label, key, None, choice(READ_KINDS))
            self._put(uniform(start, end), entry)

    def write(self, progress, *, keep_indexes: bool = False) -> int:
        for month in list(self.buffers):
            self._flush(month)
        months = sorted(int(p.stem) for p in Path(self.dir.name).glob("*.pickle"))
        total = self.counted
        seal_pending()  # entries written before the seed come first in the chain
        head = ChainHead.objects.filter(pk=1).first()
        sequence, previous = (head.sequence, head.entry_hash) if head else (0, "0" * 64)
        first = reserve_ids(AuditEntry, total)
        dropped = [] if keep_indexes else _drop_indexes()
        keys = [] if keep_indexes else _drop_foreign_keys()
        state = {"id": first, "sequence": sequence, "previous": previous, "exact": False}
        for month in months:
            copy_rows(AuditEntry, COLUMNS, self._rows(self._month(month), state), progress)
        sequence, previous = state["sequence"], state["previous"]
        ChainHead.objects.update_or_create(
            pk=1,
            defaults={"sequence": sequence, "entry_hash": previous, "sealed_at": timezone.now()},
        )
        if dropped or keys:
            progress.note("audit indexes")
            _make_indexes(dropped)
            _add_foreign_keys(keys)
        self.dir.cleanup()
        return total

    def _rows(self, entries, state):
        """The rows of one month, each sealed: the chain's hash of the entry before it and its
        own. The hash is `security.services.chain.entry_hash`'s, its canonical JSON written out
        here from plain values (`_CONTENT`; no dict, no sort, no per-column conversion per
        entry); the first entry of every month is hashed by the project's function too, and
        from a difference on that function is used for everything."""
        previous = state["previous"]
        next_id, sequence, exact = state["id"], state["sequence"], state["exact"]
        kinds, actors = {}, {}
        sha256 = hashlib.sha256
        fromtimestamp = datetime.fromtimestamp
        for number, (stamp, entry) in enumerate(entries):
            action, ct, pk, text, actor, label, key, changes, extra = entry
            if actor not in actors:
                actors[actor] = _actor(actor, self.party_of)
            party_id, party_name, address, actor_fields = actors[actor]
            if extra not in kinds:
                kinds[extra] = _canonical(json.loads(extra)) if extra else "null"
            sequence += 1
            moment = fromtimestamp(stamp, UTC)
            iso = moment.isoformat(timespec="microseconds")
            content = _CONTENT % (
                action,
                actor_fields,
                kinds[extra],
                changes or "null",
                ct,
                _quote(key),
                _quote(label),
                next_id,
                pk,
                pk,
                _quote(text),
                address,
                sequence,
                iso,
            )
            digest = sha256(f"{previous}\n{content}".encode("ascii")).hexdigest()
            if number == 0 or exact:
                values = {
                    "id": next_id,
                    "sequence": sequence,
                    "action": action,
                    "timestamp": moment,
                    "content_type_id": ct,
                    "object_pk": str(pk),
                    "object_id": pk,
                    "object_repr": text,
                    "serialized_data": None,
                    "changes_text": "",
                    "changes": json.loads(changes) if changes else None,
                    "actor_id": actor,
                    "actor_email": None,
                    "actor_party_id": party_id,
                    "actor_party_name": party_name,
                    "cid": None,
                    "remote_addr": _address(actor),
                    "remote_port": None,
                    "additional_data": json.loads(extra) if extra else None,
                    "file_label": label,
                    "dossier_key": key,
                }
                expected = entry_hash(previous, values)
                exact = exact or expected != digest
                digest = expected
            # The columns of COLUMNS: HASHED_COLUMNS, then the chain's.
            yield (
                next_id,
                sequence,
                action,
                iso,
                ct,
                str(pk),
                pk,
                text,
                None,
                "",
                changes,
                actor,
                None,
                party_id,
                party_name,
                None,
                _address(actor),
                None,
                extra,
                label,
                key,
                previous,
                digest,
            )
            previous = digest
            next_id += 1
        state.update(id=next_id, sequence=sequence, previous=previous, exact=exact)


def _canonical(value) -> str:
    """JSON as the chain's `canonical` writes it: sorted keys, ASCII only, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _actor(actor, party_of: dict) -> tuple:
    """An actor's party id and name, address, and their part of the canonical JSON."""
    party_id, party_name = party_of.get(actor, (None, ""))
    address = _address(actor)
    fields = ",".join(
        (
            '"actor_email":null',
            f'"actor_id":{_canonical(actor)}',
            f'"actor_party_id":{_canonical(party_id)}',
            f'"actor_party_name":{_canonical(party_name)}',
        )
    )
    return party_id, party_name, _canonical(address), fields


# The canonical JSON of a sealed entry (`security.services.chain.canonical`), its keys in sorted
# order; the values the seed never sets are written in. A column added to the chain changes
# HASHED_COLUMNS and stops the seed here, before it writes a wrong hash.
_CONTENT = (
    '{"action":%d,%s,"additional_data":%s,"changes":%s,"changes_text":"","cid":null,'
    '"content_type_id":%d,"dossier_key":%s,"file_label":%s,"id":%d,"object_id":%d,'
    '"object_pk":"%d","object_repr":%s,"remote_addr":%s,"remote_port":null,"sequence":%d,'
    '"serialized_data":null,"timestamp":"%s"}'
)
if sorted(HASHED_COLUMNS) != [
    "action",
    "actor_email",
    "actor_id",
    "actor_party_id",
    "actor_party_name",
    "additional_data",
    "changes",
    "changes_text",
    "cid",
    "content_type_id",
    "dossier_key",
    "file_label",
    "id",
    "object_id",
    "object_pk",
    "object_repr",
    "remote_addr",
    "remote_port",
    "sequence",
    "serialized_data",
    "timestamp",
]:
    raise ImportError("scale.audit writes the chain's canonical JSON: update _CONTENT")


def _address(actor) -> str | None:
    """A stable office address per user (no real one)."""
    if actor is None:
        return None
    return f"10.{(actor >> 16) & 255}.{(actor >> 8) & 255}.{actor & 255}"


def _drop_indexes() -> list[tuple[str, str]]:
    """The audit table's secondary indexes (not those of its primary key or unique
    constraints), dropped; returns their names and definitions to make them again."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid "
            "WHERE t.relname = %s AND c.oid IS NULL",
            [table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return found


def _drop_foreign_keys() -> list[tuple[str, str]]:
    """The audit table's foreign keys, dropped while the entries stream in (a check per row and
    key costs more than one join at the end); returns them to add again."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname = %s AND c.contype = 'f'",
            [table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(table)} "
                f"DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
    return found


def _add_foreign_keys(found: list[tuple[str, str]]) -> None:
    """The same constraints again; adding one checks every row in one pass."""
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        for name, definition in found:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )


def _make_indexes(found: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for _name, definition in found:
            # A partitioned table's index is defined ON ONLY the parent: build it everywhere.
            cursor.execute(definition.replace(" ON ONLY ", " ON "))
