"""The unusual reads worked out ahead (S2, CTER 15.1e; issue 13, docs/adr/0027): a job on beat
takes the audit entries in the order the chain sealed them, from where it stopped (a watermark
on the sequence number, `UnusualReadsProgress`), and applies the pure rules of
`security.anomalies` to each read, with the facts gathered for the batch in a few queries:

- the file and archive state of each dossier read, through the registry (`registry.states`);
- the file authorisations the readers held, ended ones included;
- the readers' dossiers read per local day over the days of the batch and the baseline days
  before. A day that becomes busy (`anomalies.many_reads_on`) also marks the reads of that day
  the job had looked at before: a day's reads only grow, so a busy day stays busy.

A read that stands out gets a row in `UnusualRead` with its reasons. The rules about the dossier
use its state as it is now, as they always did: a change to a dossier (any entry about it that
is not a read: archived, reactivated, moved) has the reads of that dossier looked at again, so
a read flagged while the dossier was in the archive loses the flag when it is reactivated, and
a read earlier on the day it was archived gets it. A destroyed dossier's entries are purged with
their rows (`security.services.chain.delete_entries`).

One batch per transaction, under a lock on the one progress row: two runs never work out the
same entries, and a run stopped half-way leaves the watermark where its last batch ended."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q, Value
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone

from parties.models import FileAuthorisation
from security import anomalies
from security.models import AuditEntry, UnusualRead, UnusualReadsProgress
from subjects import registry

Action = AuditEntry.Action
BATCH = 5000
# Batches per run on beat: a first run after the table was made catches up over several runs.
RUN_BATCHES = 20
COLUMNS = (
    "id",
    "sequence",
    "action",
    "actor_id",
    "actor_party_id",
    "timestamp",
    "file_label",
    "dossier_key",
)
# The codes of `anomalies.Reason`, which are the fields of `UnusualRead`.
REASONS = tuple(reason.value for reason, _rule in anomalies.RULES)


@dataclass(frozen=True)
class Progress:
    entries: int  # audit entries looked at
    unusual: int  # rows written or changed
    sequence: int | None  # the watermark after the run; None: another run held the lock


def _progress_for_update() -> UnusualReadsProgress | None:
    """The progress row, locked until the transaction ends; None while another run holds it
    (that run works the entries out: this one need not wait for it)."""
    UnusualReadsProgress.objects.bulk_create([UnusualReadsProgress(pk=1)], ignore_conflicts=True)
    return UnusualReadsProgress.objects.select_for_update(skip_locked=True).filter(pk=1).first()


def _read(row: dict) -> anomalies.Read:
    return anomalies.Read(
        row["id"], row["actor_id"], row["timestamp"], row["file_label"], row["dossier_key"]
    )


def _day_range(first: date, last: date) -> Q:
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    return Q(timestamp__gte=start, timestamp__lt=end)


def _dossier_facts(reads: list[anomalies.Read], facts: anomalies.Facts) -> None:
    """The file and archive state of every dossier read (`registry.states`, per kind of file),
    and the authorisations of every reader."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for read in reads:
        if read.dossier is not None:
            wanted[read.file_label].add(read.dossier_key)
    for label, keys in wanted.items():
        for key in keys:
            facts.dossiers[(label, key)] = None  # gone (destroyed) or unknown unless found
        try:
            states = registry.get(label).states(sorted(keys))
        except KeyError:
            continue  # no such kind of file (any more): nothing to say
        for state in states:
            facts.dossiers[(label, state.ref.key)] = anomalies.Dossier(
                data_file_id=state.data_file_id,
                archived=state.archived,
                archived_on=state.archived_on,
            )
    readers = {read.actor_id for read in reads if read.actor_id is not None}
    held = FileAuthorisation.objects.filter(user_id__in=readers).values_list(
        "user_id", "file_id", "granted_at", "ended_at"
    )
    for user_id, file_id, granted_at, ended_at in held:
        facts.authorisations.setdefault(user_id, []).append(
            anomalies.Authorisation(file_id, granted_at, ended_at)
        )


def _busy_days(reads: list[anomalies.Read], facts: anomalies.Facts) -> set[tuple[int, date]]:
    """The (reader, local day) pairs of `reads` on which the reader read far more dossiers than
    usual: the dossiers per day over those days and the baseline days before (one aggregate)."""
    pairs = {(r.actor_id, r.day) for r in reads if r.actor_id is not None and r.dossier}
    if not pairs:
        return set()
    days = [day for _actor, day in pairs]
    first = min(days) - timedelta(days=facts.thresholds.baseline_days)
    daily = (
        AuditEntry.objects.filter(
            _day_range(first, max(days)),
            action=Action.ACCESS,
            actor_id__in={actor for actor, _day in pairs},
        )
        .exclude(dossier_key="")
        .annotate(day=TruncDate("timestamp"))
        .values("actor_id", "day")
        .annotate(dossiers=Count(Concat("file_label", Value(":"), "dossier_key"), distinct=True))
        .order_by()
    )
    facts.dossiers_per_day = {(row["actor_id"], row["day"]): row["dossiers"] for row in daily}
    return {pair for pair in pairs if anomalies.many_reads_on(*pair, facts)}


def _mark_busy_days(busy: set[tuple[int, date]], up_to: int) -> int:
    """Far more than usual on a day already partly looked at: every read of a dossier by the
    reader that day, up to the watermark, is marked (its other reasons kept)."""
    if not busy:
        return 0
    on_day = Q(pk__in=[])
    for actor_id, day in busy:
        on_day |= Q(actor_id=actor_id) & _day_range(day, day)
    rows = (
        AuditEntry.objects.filter(on_day, action=Action.ACCESS, sequence__lte=up_to)
        .exclude(dossier_key="")
        .values(*COLUMNS)
    )
    parties = {row["id"]: row["actor_party_id"] for row in rows}
    reads = [_read(row) for row in rows]
    known = set(UnusualRead.objects.filter(pk__in=list(parties)).values_list("pk", flat=True))
    changed = UnusualRead.objects.filter(pk__in=known, many=False).update(many=True)
    new = [read for read in reads if read.id not in known]
    facts = anomalies.Facts(thresholds=anomalies.Thresholds.from_settings())
    _dossier_facts(new, facts)
    rows = [
        _row(
            read, parties[read.id], facts, {"many": True, "night": anomalies.at_night(read, facts)}
        )
        for read in new
    ]
    UnusualRead.objects.bulk_create(rows, batch_size=1000)
    return changed + len(rows)


def _row(read: anomalies.Read, party_id, facts: anomalies.Facts, found: dict) -> UnusualRead:
    """The row of a read that stands out: its reasons, and who oversees it (the reader's party,
    the file its dossier is kept in)."""
    dossier = facts.dossiers.get(read.dossier) if read.dossier else None
    return UnusualRead(
        entry_id=read.id,
        actor_id=read.actor_id,
        actor_party_id=party_id,
        data_file_id=dossier.data_file_id if dossier else None,
        timestamp=read.at,
        day=read.day,
        **found,
    )


KEPT = (*REASONS, "data_file_id")


def _store(verdicts: dict[int, tuple], facts: anomalies.Facts) -> int:
    """Write the reasons found where they differ from those kept: a row for each read that
    stands out, none for the others. `verdicts`: by entry id, the read, the reader's party and
    the reasons found."""
    kept = {
        row.pop("pk"): row
        for row in UnusualRead.objects.filter(pk__in=list(verdicts)).values("pk", *KEPT)
    }
    standing = []
    for read, party_id, found in verdicts.values():
        if any(found.values()):
            row = _row(read, party_id, facts, found)
            if kept.get(read.id) != {field: getattr(row, field) for field in KEPT}:
                standing.append(row)
    ordinary = [read.id for read, _party, found in verdicts.values() if not any(found.values())]
    gone = [pk for pk in ordinary if pk in kept]
    if gone:
        UnusualRead.objects.filter(pk__in=gone).delete()
    UnusualRead.objects.bulk_create(
        standing,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["entry"],
        update_fields=list(KEPT),
    )
    return len(standing) + len(gone)


def _found(codes: list[str]) -> dict[str, bool]:
    return {reason: reason in codes for reason in REASONS}


def _work_out_batch(rows: list[dict], up_to: int) -> int:
    """The reads among `rows` (new entries) and the reads of the dossiers the other entries
    changed, looked at with the facts of now."""
    facts = anomalies.Facts(thresholds=anomalies.Thresholds.from_settings())
    parties = {row["id"]: row["actor_party_id"] for row in rows}
    new = [_read(row) for row in rows if row["action"] == Action.ACCESS]
    changed = {(r["file_label"], r["dossier_key"]) for r in rows if r["action"] != Action.ACCESS}
    changed.discard(("", ""))
    again: list[anomalies.Read] = []
    if changed:
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, key in changed:
            if key:
                by_label[label].append(key)
        of_changed = Q(pk__in=[])
        for label, keys in by_label.items():
            of_changed |= Q(file_label=label, dossier_key__in=keys)
        new_ids = {read.id for read in new}
        for row in AuditEntry.objects.filter(
            of_changed, action=Action.ACCESS, sequence__lte=up_to
        ).values(*COLUMNS):
            if row["id"] not in new_ids:
                again.append(_read(row))
                parties[row["id"]] = row["actor_party_id"]
    _dossier_facts(new + again, facts)
    busy = _busy_days(new, facts)
    # The four rules as they are (`anomalies.reasons`); for a read looked at again only the
    # rules about its dossier: whether its day was busy is kept as it was found.
    verdicts = {
        read.id: (read, parties[read.id], _found(anomalies.reasons(read, facts))) for read in new
    }
    before = dict(
        UnusualRead.objects.filter(pk__in=[r.id for r in again]).values_list("pk", "many")
    )  # (one query with `_store`'s: a batch's reads looked at again are few once caught up)
    for read in again:
        found = _found(anomalies.reasons(read, facts))
        verdicts[read.id] = (read, parties[read.id], {**found, "many": before.get(read.id, False)})
    written = _store(verdicts, facts)
    first_new = min((row["sequence"] for row in rows), default=up_to + 1)
    return written + _mark_busy_days(busy, first_new - 1)


def work_out(*, batch_size: int = BATCH, max_batches: int | None = None) -> Progress:
    """Work the sealed audit entries out from the watermark on, one batch per transaction, to
    the end of the chain (or `max_batches`). Idempotent: a second run finds nothing new."""
    entries = written = batches = 0
    while True:
        with transaction.atomic():
            progress = _progress_for_update()
            if progress is None:
                return Progress(entries=entries, unusual=written, sequence=None)
            rows = list(
                AuditEntry.objects.filter(sequence__gt=progress.sequence)
                .order_by("sequence")
                .values(*COLUMNS)[:batch_size]
            )
            if rows:
                written += _work_out_batch(rows, rows[-1]["sequence"])
                progress.sequence = rows[-1]["sequence"]
            progress.worked_out_at = timezone.now()
            progress.save(update_fields=["sequence", "worked_out_at"])
        entries += len(rows)
        batches += 1
        if not rows or (max_batches is not None and batches >= max_batches):
            return Progress(entries=entries, unusual=written, sequence=progress.sequence)


def start_from(moment: datetime) -> int:
    """Move the watermark to the last entry sealed before `moment`, so the job works out the
    reads from then on only: for a bulk load (the scale seed), whose years of reads are never
    reviewed and would take hours to work out. Never moves the watermark back."""
    with transaction.atomic():
        progress = _progress_for_update()
        if progress is None:
            return 0
        before = (
            AuditEntry.objects.filter(timestamp__lt=moment, sequence__isnull=False)
            .order_by("-sequence")
            .values_list("sequence", flat=True)
            .first()
        )
        if before is not None and before > progress.sequence:
            progress.sequence = before
            progress.save(update_fields=["sequence"])
        return progress.sequence


def worked_out_at():
    """When the unusual reads were last worked out (None: never)."""
    return UnusualReadsProgress.objects.filter(pk=1).values_list("worked_out_at", flat=True).first()
