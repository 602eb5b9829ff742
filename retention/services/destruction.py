"""Destroying one dossier (B7, B8): its figures counted, the dossier destroyed through the
registry, its holds and reactivations with it, and its destruction record written, in one
transaction; the ledger line outside the database once it commits. And destroying again, after
a restore of the database, what the ledger says was destroyed (`replay`)."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.audit import purge_batch
from parties.models import DataFile
from retention import due_signals, ledger
from retention.constants import Rule, Trigger
from retention.models import DestructionRecord, Hold, Reactivation, SweepRun
from retention.services.statistics import count_dossiers
from subjects import registry
from subjects.registry import DossierRef
from subjects.tracing import about, delete_traced


@dataclass(frozen=True)
class ToDestroy:
    """A dossier to destroy, with the rule and day it fell due by (None: on instruction)."""

    ref: DossierRef
    rule: str
    due_on: date | None = None


def destroy_dossier(ref: DossierRef, *, rule: str, due_on: date | None, run=None, by=None):
    """Count its statistics (B7), destroy it through the registry, and write its
    DestructionRecord (and the ledger line) in the caller's transaction. Returns the record,
    or None when the dossier does not exist."""
    records = destroy_dossiers([ToDestroy(ref, rule, due_on)], run=run, by=by)
    return records[0] if records else None


def destroy_dossiers(
    due: list[ToDestroy], *, run=None, by=None, nowait: bool = False, states=None
) -> list:
    """`destroy_dossier` for many dossiers in one transaction (issue 13): their states and files
    read once, each file's dossiers destroyed together (`destroy_many`; `nowait`: raise at once
    when another transaction holds one of them), the records written in one insert and the
    ledger lines appended at once after the commit. Returns the records, in `due`'s order; a
    dossier that does not exist has none. `states` (ref -> DossierState): the states the caller
    read in its transaction, under the dossiers' locks (the sweep's batch); read here
    otherwise."""
    with transaction.atomic():
        by_label: dict[str, list[ToDestroy]] = {}
        for item in due:
            by_label.setdefault(item.ref.file_label, []).append(item)
        if states is None:
            states = {}
            for label, items in by_label.items():
                found = registry.get(label).states(item.ref.key for item in items)
                states.update({state.ref: state for state in found})
        due = [item for item in due if item.ref in states]
        if not due:
            return []
        data_files = DataFile.objects.in_bulk({states[item.ref].data_file_id for item in due})
        names, counted = {}, []
        for item in due:
            state = states[item.ref]
            data_file = data_files.get(state.data_file_id)
            names[item.ref] = state.casusoverleg or (
                data_file.name if data_file else item.ref.file_label
            )
            counted.append((item.ref, names[item.ref], states[item.ref], []))
        for label in by_label:
            refs = [item.ref for item in due if item.ref.file_label == label]
            counted += _figures(label, refs, states, names)
        count_dossiers(counted)  # B7, before the dossiers go
        due_signals.gone([item.ref for item in due])  # their stored due dates: one statement
        counts: dict[DossierRef, Counter] = {item.ref: Counter() for item in due}
        for label, items in by_label.items():
            refs = [item.ref for item in items if item.ref in states]
            file = registry.get(label)
            if len(refs) == 1 and not nowait:
                destroyed = {refs[0]: file.destroy(refs[0], by=by)}
            else:
                destroyed = file.destroy_many(refs, by=by, nowait=nowait)
            for ref, kinds in destroyed.items():
                counts[ref].update(kinds)
        for ref, kinds in _forget_retention(list(counts)).items():
            counts[ref] += kinds
        records = DestructionRecord.objects.bulk_create(
            [
                DestructionRecord(
                    run=run,
                    file_label=item.ref.file_label,
                    dossier_key=item.ref.key,
                    data_file=data_files.get(states[item.ref].data_file_id),
                    file_name=names[item.ref],
                    casusoverleg=states[item.ref].casusoverleg,
                    rule=item.rule,
                    opened_on=states[item.ref].opened_on,
                    last_processed_on=states[item.ref].last_processed_on,
                    due_on=item.due_on,
                    counts=dict(sorted(counts[item.ref].items())),
                    destroyed_by=by,
                )
                for item in due
            ]
        )
        transaction.on_commit(lambda: ledger.append_many(records))
    return records


def _figures(label: str, refs: list[DossierRef], states, names) -> list[tuple]:
    """B7: the figures of the dossiers of a file counted together (`figures_of`), as entries
    for `count_dossiers` (which adds them up): in one call for the file when each of its
    parties.DataFile has one name, otherwise one per name."""
    file = registry.get(label)
    first: dict[int, DossierRef] = {}
    named: dict[int, set[str]] = {}
    for ref in refs:
        first.setdefault(states[ref].data_file_id, ref)
        named.setdefault(states[ref].data_file_id, set()).add(names[ref])
    if all(len(found) == 1 for found in named.values()):
        figures = list(file.figures_of(refs))
        if all(figure.data_file_id in first for figure in figures):
            by_file: dict[int, list] = {}
            for figure in figures:
                by_file.setdefault(figure.data_file_id, []).append(figure)
            return [
                (first[pk], names[first[pk]], replace(states[first[pk]], archived=False), found)
                for pk, found in by_file.items()
            ]
    by_name: dict[str, list[DossierRef]] = {}
    for ref in refs:
        by_name.setdefault(names[ref], []).append(ref)
    return [
        (group[0], name, replace(states[group[0]], archived=False), file.figures_of(group))
        for name, group in by_name.items()
    ]


def _forget_retention(refs: list[DossierRef]) -> dict[DossierRef, Counter]:
    """The holds and reactivations of the dossiers (their reasons name the person), with their
    audit entries, in a number of queries that does not grow with the dossiers (B8, issue 13).
    Their entries carry the dossier, so the file's purge took them already; what is left goes
    here."""
    wanted = about(refs)
    by_key = {(ref.file_label, ref.key): ref for ref in refs}
    seeds = [
        (row, by_key[(row.file_label, row.dossier_key)])
        for model in (Hold, Reactivation)
        for row in model.objects.filter(wanted)
    ]
    if not seeds:
        return {}
    with purge_batch():
        return delete_traced(seeds)


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
    ledger.append_many(missing)
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
