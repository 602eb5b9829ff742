"""Destroying one dossier (B7, B8): its figures counted, the dossier destroyed through the
registry, its holds and reactivations with it, and its destruction record written, in one
transaction; the ledger line outside the database once it commits. And destroying again, after
a restore of the database, what the ledger says was destroyed (`replay`)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.audit import delete_with_trail, purge_batch
from parties.models import DataFile
from retention import ledger
from retention.constants import Rule, Trigger
from retention.models import DestructionRecord, Hold, Reactivation, SweepRun
from retention.services.statistics import count_dossier
from subjects import registry
from subjects.registry import DossierRef


def destroy_dossier(ref: DossierRef, *, rule: str, due_on: date | None, run=None, by=None):
    """Count its statistics (B7), destroy it through the registry, and write its
    DestructionRecord (and the ledger line) in the caller's transaction. Returns the record,
    or None when the dossier does not exist."""
    file = registry.get(ref.file_label)
    with transaction.atomic():
        state = file.state(ref)
        if state is None:
            return None
        data_file = DataFile.objects.filter(pk=state.data_file_id).first()
        file_name = state.casusoverleg or (data_file.name if data_file else ref.file_label)
        count_dossier(ref, file_name=file_name, figures=file.figures(ref), state=state)
        about = {"file_label": ref.file_label, "dossier_key": ref.key}
        counts: Counter = Counter()
        # One purge batch: the registry's destruction entry names every audit entry purged.
        with purge_batch():
            counts += delete_with_trail(Hold.objects.filter(**about))  # their reasons name him
            counts += delete_with_trail(Reactivation.objects.filter(**about))
            counts.update(file.destroy(ref, by=by))
        record = DestructionRecord.objects.create(
            run=run,
            file_label=ref.file_label,
            dossier_key=ref.key,
            data_file=data_file,
            file_name=file_name,
            casusoverleg=state.casusoverleg,
            rule=rule,
            opened_on=state.opened_on,
            last_processed_on=state.last_processed_on,
            due_on=due_on,
            counts=dict(sorted(counts.items())),
            destroyed_by=by,
        )
        transaction.on_commit(lambda: ledger.append(record))
    return record


LEDGER_FIELDS = ("file_label", "dossier_key", "opened_on", "destroyed_at", "rule")


def catch_up_ledger() -> int:
    """B8: write to the ledger every destruction record that has no line there yet, the
    record's line lost when the process died between the commit and the append (or the append
    failed). Every sweep runs it before it destroys anything: no new destruction while the
    ledger cannot be written. A record of the last minute is left to the process that made it.
    Returns the lines written."""
    written = {(e.file_label, e.dossier_key, e.destroyed_at) for e in ledger.read()}
    records = DestructionRecord.objects.filter(
        destroyed_at__lt=timezone.now() - timedelta(minutes=1)
    ).order_by("destroyed_at")
    missing = [
        record
        for record in records.only(*LEDGER_FIELDS).iterator()
        if (record.file_label, record.dossier_key, record.destroyed_at) not in written
    ]
    for record in missing:
        ledger.append(record)
    return len(missing)


@dataclass(frozen=True)
class Replayed:
    """A dossier the replay found again: destroyed again, or (dry run) to be."""

    file_label: str
    dossier_key: str
    destroyed_on: date


def destroyed_before() -> dict[tuple[str, str], ledger.Destroyed]:
    """Every dossier ever destroyed, by file and number, from the ledger and the destruction
    records (whichever survived): the latest destruction of each."""
    found: dict[tuple[str, str], ledger.Destroyed] = {}
    records = DestructionRecord.objects.order_by("destroyed_at")
    known = [
        ledger.Destroyed(r.file_label, r.dossier_key, r.opened_on, r.destroyed_at, r.rule, r.due_on)
        for r in records
    ]
    for entry in sorted([*ledger.read(), *known], key=lambda entry: entry.destroyed_at):
        found[(entry.file_label, entry.dossier_key)] = entry
    return found


def replay(*, dry_run: bool = False, by=None) -> list[Replayed]:
    """After a restore: destroy again (rule REPLAY, a new destruction record, one sweep run for
    the batch) every dossier destroyed before that exists again, but only one opened on or before
    the day of its destruction: a number issued anew after the restore names another dossier.
    Each dossier in its own transaction. Idempotent: a second run finds nothing."""
    due: list[tuple[DossierRef, ledger.Destroyed]] = []
    for (label, key), entry in destroyed_before().items():
        try:
            file = registry.get(label)
        except KeyError:
            continue
        ref = DossierRef(label, key)
        state = file.state(ref)
        destroyed_on = timezone.localdate(entry.destroyed_at)
        if state is not None and state.opened_on <= destroyed_on:
            due.append((ref, entry))
    found = [
        Replayed(ref.file_label, ref.key, timezone.localdate(entry.destroyed_at))
        for ref, entry in due
    ]
    if dry_run or not due:
        return found
    run = SweepRun.objects.create(
        as_of=timezone.localdate(), trigger=Trigger.COMMAND, started_by=by
    )
    for ref, entry in due:
        with transaction.atomic():
            if destroy_dossier(ref, rule=Rule.REPLAY, due_on=entry.due_on, run=run, by=by):
                SweepRun.objects.filter(pk=run.pk).update(destroyed=F("destroyed") + 1)
    SweepRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return found
