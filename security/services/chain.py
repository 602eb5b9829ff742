"""The hash chain over the audit log (S2, CTER 15.1e): entries cannot be changed, removed or
reordered unnoticed, and destruction (B8) stays possible.

- Requests write entries as before, at any rate and without waiting for each other; a new entry
  is *unsealed* (no sequence, no hash).
- `seal_pending` (beat, every minute) takes the unsealed entries in id order under a lock on the
  one `ChainHead` row, gives each the next sequence number, the hash before it and its own hash:
  SHA-256 over the previous hash and a canonical serialisation of every column of the entry.
- `verify_chain` walks the chain by sequence, in chunks, and names the first entry that breaks
  it (by id and sequence, never by content).
- `delete_entries` is the one way to delete audit entries: it records the place and hashes of
  every sealed entry it deletes (`PurgedLink`), so the verification follows the chain across the
  gap. An entry deleted any other way breaks the chain.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from config.audit import current_purge_batch
from security.models import GENESIS, AuditEntry, ChainHead, PurgedLink, UnusualRead

SEAL_BATCH = 500
VERIFY_CHUNK = 1000

# Every column of an entry, in a fixed order. A column added to the entry model must be added
# here (and a test fails until it is: `test_s2_the_hash_covers_every_column`).
HASHED_COLUMNS = (
    "id",
    "sequence",
    "action",
    "timestamp",
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "changes_text",
    "changes",
    "actor_id",
    "actor_email",
    "actor_party_id",
    "actor_party_name",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
    "file_label",
    "dossier_key",
)
# The chain's own columns: what the hash is about, not part of it.
CHAIN_COLUMNS = ("previous_hash", "entry_hash")


def _plain(value):
    if hasattr(value, "astimezone"):  # a timestamp: UTC, to the microsecond
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def canonical(values: dict) -> bytes:
    """The entry's content as bytes that are the same on every database and every read: JSON
    with sorted keys, ASCII only, no spaces."""
    content = {column: _plain(values[column]) for column in HASHED_COLUMNS}
    return json.dumps(content, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def entry_hash(previous_hash: str, values: dict) -> str:
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(values))
    return digest.hexdigest()


def _head_for_update() -> ChainHead:
    """The chain head, locked until the transaction ends: one sealer or purger at a time (a
    row lock on PostgreSQL; SQLite, the embedded default, lets one writer in at a time
    anyway). Made on first use; `ignore_conflicts` lets two first users race safely."""
    ChainHead.objects.bulk_create([ChainHead(pk=1)], ignore_conflicts=True)
    return ChainHead.objects.select_for_update().get(pk=1)


@dataclass(frozen=True)
class SealResult:
    sealed: int
    head: int  # the sequence number of the last sealed entry


def seal_pending(*, batch_size: int = SEAL_BATCH) -> SealResult:
    """Seal every entry written so far, in id order, one batch per transaction (so the lock is
    held briefly). An entry whose transaction commits after a later id was sealed is sealed in
    the next run, with a later sequence number: the order of the chain is the order of sealing,
    and the sequence, not the id, is what the hash binds. Idempotent: a second run finds
    nothing to seal; two at once seal each entry once (the second waits for the lock, then
    finds the entries sealed)."""
    sealed = 0
    while True:
        with transaction.atomic():
            head = _head_for_update()
            values = list(
                AuditEntry.objects.filter(sequence__isnull=True)
                .order_by("id")
                .values(*HASHED_COLUMNS)[:batch_size]
            )
            if not values:
                return SealResult(sealed=sealed, head=head.sequence)
            previous = head.entry_hash
            sequence = head.sequence
            rows = []
            for row in values:
                sequence += 1
                row["sequence"] = sequence
                digest = entry_hash(previous, row)
                rows.append(
                    AuditEntry(
                        id=row["id"], sequence=sequence, previous_hash=previous, entry_hash=digest
                    )
                )
                previous = digest
            AuditEntry.objects.bulk_update(rows, ["sequence", "previous_hash", "entry_hash"])
            head.sequence, head.entry_hash, head.sealed_at = sequence, previous, timezone.now()
            head.save(update_fields=["sequence", "entry_hash", "sealed_at"])
            sealed += len(rows)


# Keys a statement names as a list of parameters where there is no array (the embedded
# default, SQLite, whose statements take some 32,000 parameters at most).
KEYS_PER_LIST = 500


def _among(column: str, ids: list[int]):
    """(condition, parameters) for "`column` is one of `ids`", for each part of them: one
    array on PostgreSQL, where a list of thousands of parameters cost more to send and plan
    than the statement itself (issue 13); lists of `KEYS_PER_LIST` elsewhere."""
    if connection.vendor == "postgresql":
        yield f"{column} = ANY(%s)", [ids]
        return
    for start in range(0, len(ids), KEYS_PER_LIST):
        part = ids[start : start + KEYS_PER_LIST]
        yield f"{column} IN ({', '.join(['%s'] * len(part))})", part


def _record_links(ids: list[int], *, batch: uuid.UUID, reason: str) -> None:
    """A `PurgedLink` for each sealed entry of `ids`, copied in the database in one statement
    (issue 13: a sweep's batch purges tens of thousands of entries; a few on SQLite)."""
    links, entries = PurgedLink._meta, AuditEntry._meta
    quote = connection.ops.quote_name
    columns = ("sequence", "previous_hash", "entry_hash", "purged_at", "batch", "reason")
    target = ", ".join(quote(links.get_field(name).column) for name in columns)
    given = [  # as each column's field stores it (a UUID is text on SQLite)
        links.get_field(name).get_db_prep_value(value, connection)
        for name, value in (("purged_at", timezone.now()), ("batch", batch), ("reason", reason))
    ]
    with connection.cursor() as cursor:
        for condition, keys in _among(quote(entries.pk.column), ids):
            cursor.execute(
                f"INSERT INTO {quote(links.db_table)} ({target}) "  # noqa: S608 - the models' own names
                f"SELECT {quote(entries.get_field('sequence').column)}, "
                f"{quote(entries.get_field('previous_hash').column)}, "
                f"{quote(entries.get_field('entry_hash').column)}, %s, %s, %s "
                f"FROM {quote(entries.db_table)} "
                f"WHERE {condition} "
                f"AND {quote(entries.get_field('sequence').column)} IS NOT NULL",
                [*given, *keys],
            )


def delete_entries(entries, *, reason: str) -> int:
    """B8: the one way to delete audit entries (destruction of a dossier, erasure of an item, the
    trail of deleted rows): `entries` a queryset of them, or a list of their pks (read already:
    not read again). Under the chain's lock, so no entry is sealed while it goes, it
    records the place and hashes of every sealed entry of `entries` (`PurgedLink`, nothing of
    the content) and deletes the entries. Unsealed entries simply go. Returns the number of
    entries deleted. The links are recorded under the open `config.audit.purge_batch`, if
    any, so a destruction record names all of them at once. Inside a transaction it takes no
    savepoint of its own (a failure fails the caller's transaction), and a head that exists is
    locked in one query (issue 13: a sweep's batch purges many times in one transaction)."""
    with transaction.atomic(savepoint=False):
        if ChainHead.objects.select_for_update().filter(pk=1).first() is None:
            _head_for_update()
        # The keys once: the statements below then each take them as one array, where nested
        # subqueries left the planner scanning the unusual reads, and a list of thousands of
        # parameters cost more to send and plan than to delete (issue 13).
        ids = (
            entries
            if isinstance(entries, list)
            else list(entries.order_by().values_list("pk", flat=True))
        )
        if not ids:
            return 0
        batch = current_purge_batch() or uuid.uuid4()
        _record_links(ids, batch=batch, reason=reason)
        # The unusual reads worked out of them go with them (S2, docs/adr/0027). Neither model
        # has a receiver of its deletion or a relation that cascades (checked by a test).
        quote = connection.ops.quote_name
        deleted = 0
        with connection.cursor() as cursor:
            for model, key in ((UnusualRead, "entry"), (AuditEntry, "id")):
                column = quote(model._meta.get_field(key).column)
                for condition, keys in _among(column, ids):
                    cursor.execute(
                        f"DELETE FROM {quote(model._meta.db_table)} WHERE {condition}",  # noqa: S608 - the models' own names
                        keys,
                    )
                    deleted += cursor.rowcount if model is AuditEntry else 0
        return deleted


# --- verification -------------------------------------------------------------------------------


class Problem:
    """Why the chain breaks at a place: codes, so a page or mail can say it without content."""

    MISSING = "missing"  # an entry is gone without a record of its purge
    CHANGED = "changed"  # the entry's content does not give its hash
    OUT_OF_PLACE = "out-of-place"  # the entry does not follow the one before it
    DOUBLE = "double"  # an entry and a purge record claim the same place
    TRUNCATED = "truncated"  # the chain stops before (or runs past) its head


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int  # sealed entries recomputed
    crossed: int  # purged links followed
    head: int
    head_hash: str
    problem: str = ""
    sequence: int | None = None
    entry_id: int | None = None

    def describe(self) -> str:
        """One line without content: where the chain breaks and why."""
        if self.ok:
            return (
                f"The audit chain verifies: {self.checked} entries, "
                f"{self.crossed} purged links, head {self.head}."
            )
        where = f"sequence {self.sequence}"
        if self.entry_id is not None:
            where = f"entry {self.entry_id} ({where})"
        return f"The audit chain breaks at {where}: {self.problem}."


def _chunks(queryset, fields):
    """The rows of `queryset` in sequence order, fetched `VERIFY_CHUNK` at a time by keyset (so
    the whole table is never in memory, and no server-side cursor is held open)."""
    last = 0
    while True:
        rows = list(
            queryset.filter(sequence__gt=last).order_by("sequence").values(*fields)[:VERIFY_CHUNK]
        )
        if not rows:
            return
        yield from rows
        last = rows[-1]["sequence"]


def verify_chain() -> Verification:
    """Walk the chain from the first sequence to the head: each place is held by exactly one
    entry or one purged link; an entry's content gives its hash and its previous hash is the
    hash before it; a purged link fits between its neighbours; the walk ends at the head.

    The walk reads one snapshot of the database (REPEATABLE READ on PostgreSQL; a SQLite read
    transaction is one), so sealing and destruction may go on meanwhile without a false
    alarm."""
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _walk()


def _walk() -> Verification:
    head = ChainHead.objects.filter(pk=1).first() or ChainHead(pk=1)
    entries = _chunks(
        AuditEntry.objects.filter(sequence__isnull=False), (*HASHED_COLUMNS, *CHAIN_COLUMNS)
    )
    links = _chunks(PurgedLink.objects.all(), ("sequence", "previous_hash", "entry_hash"))
    entry, link = next(entries, None), next(links, None)
    expected, previous = 1, GENESIS
    checked = crossed = 0

    def broken(problem, sequence, entry_id=None):
        return Verification(
            ok=False,
            checked=checked,
            crossed=crossed,
            head=head.sequence,
            head_hash=head.entry_hash,
            problem=problem,
            sequence=sequence,
            entry_id=entry_id,
        )

    while entry is not None or link is not None:
        at_entry = entry is not None and entry["sequence"] == expected
        at_link = link is not None and link["sequence"] == expected
        if at_entry and at_link:
            return broken(Problem.DOUBLE, expected, entry["id"])
        if at_entry:
            if entry["previous_hash"] != previous:
                return broken(Problem.OUT_OF_PLACE, expected, entry["id"])
            if entry_hash(previous, entry) != entry["entry_hash"]:
                return broken(Problem.CHANGED, expected, entry["id"])
            previous = entry["entry_hash"]
            checked += 1
            entry = next(entries, None)
        elif at_link:
            if link["previous_hash"] != previous:
                return broken(Problem.OUT_OF_PLACE, expected)
            previous = link["entry_hash"]
            crossed += 1
            link = next(links, None)
        else:
            return broken(Problem.MISSING, expected)
        expected += 1
    if expected - 1 != head.sequence or previous != head.entry_hash:
        return broken(Problem.TRUNCATED, expected)
    return Verification(
        ok=True,
        checked=checked,
        crossed=crossed,
        head=head.sequence,
        head_hash=head.entry_hash,
    )


# --- the nightly alarm --------------------------------------------------------------------------


def send_chain_alarm(result: Verification) -> int:
    """S2: tell everyone who oversees a Veiligheidshuis that the audit log's chain is broken and
    where (an entry id and sequence number, never content). One mail per overseer; returns the
    number sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import translation
    from django.utils.translation import gettext as _

    from parties.models import Veiligheidshuis
    from security.permissions import overseers_of

    recipients = sorted(
        {
            user.email
            for region in Veiligheidshuis.objects.all()
            for user in overseers_of(region)
            if user.email
        }
    )
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "sequence": result.sequence,
            "entry": result.entry_id if result.entry_id is not None else "-",
            "problem": result.problem,
        }
        subject = _("Alarm: the audit log does not verify")
        body = (
            _(
                "The nightly verification of the audit log's hash chain failed at sequence "
                "%(sequence)s (entry %(entry)s, %(problem)s). An entry may have been changed, "
                "removed or reordered outside the application. Ask the administrator to run "
                "`manage.py verify_audit_chain` and to compare the database with its backups."
            )
            % values
        )
    for address in recipients:
        send_mail(subject, body, None, [address])
    return len(recipients)
