"""The retention sweep (B2-B6, O3): decides from the database, as of a date, which dossiers are
due to be archived or destroyed (`retention.rules`), and acts on them a batch per transaction
(`retention.services.batch`), or, when a batch fails, on each in its own transaction.

- Idempotent and catching up: what is due follows from the dossier's dates and the date the
  sweep runs as of, never from earlier runs; a dossier acted on is no longer due. Running twice,
  or once after days of downtime, ends in the same state as running on time (O3).
- Two workers never take the same dossier: each locks the dossier's `DossierSweepState` row
  with `select_for_update(skip_locked=True)` and reads the dossier again under the lock.
- A failure rolls back that dossier's savepoint, so the dossier stays whole; its row is marked
  failed with the reason (no personal data), the keepers get an alarm, and the next run retries.
- A held dossier (VH 20.2, B6) is skipped and counted as held; holds whose date passed are
  ended first.

The sweep reaches dossiers only through `subjects.registry`."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from retention import due_index
from retention.constants import Action
from retention.models import DossierSweepState, SweepRun
from retention.rules import Due, archiving, due, earliest_destruction, shown
from retention.services.batch import batches, handle_batch
from retention.services.destruction import catch_up_ledger, destroy_dossier
from retention.services.holds import end_lapsed_holds, held_dossiers, in_force
from retention.terms import Terms, terms_by_file
from subjects import registry
from subjects.registry import DossierRef, DossierState

logger = logging.getLogger(__name__)

ARCHIVED, DESTROYED, HELD, FAILED, SKIPPED = "archived", "destroyed", "held", "failed", "skipped"


@dataclass(frozen=True)
class Planned:
    """A dossier that falls due, for the preview (no personal data)."""

    ref: DossierRef
    action: str  # retention.constants.Action
    rule: str  # retention.constants.Rule
    due_on: date
    data_file_id: int
    file_name: str
    casusoverleg: str
    held: bool


def _states(*, until: date, data_file_ids=None) -> list[DossierState]:
    """The states of the dossiers that may fall due by `until` (of the files `data_file_ids`,
    or of all): the few the stored due dates point at, not every dossier (ADR 0021)."""
    return due_index.states_due_by(until, data_file_ids=data_file_ids)


class _Terms:
    """The terms of every file a sweep meets, read once (`terms_by_file`)."""

    def __init__(self, states, *, kinds: dict[int, str] | None = None):
        self._known = terms_by_file({state.data_file_id for state in states}, kinds=kinds)

    def of(self, data_file_id: int) -> Terms:
        if data_file_id not in self._known:
            self._known.update(terms_by_file([data_file_id]))
        return self._known[data_file_id]


def _key(ref: DossierRef) -> tuple[str, str]:
    return (ref.file_label, ref.key)


def preview(*, as_of: date | None = None, days: int = 28, data_file_ids=None) -> list[Planned]:
    """What falls due from `as_of` (default today) up to `days` later, overdue included: for
    a dossier due already, what a sweep as of `as_of` would do. `data_file_ids`: of these
    files only (those a keeper keeps); default all. The dossiers' stored plans where they have
    one (ADR 0031), their states where not: the same result, in the same few queries however
    many fall due."""
    from parties.models import DataFile

    as_of = as_of or timezone.localdate()
    until = as_of + timedelta(days=days)
    plans, states = due_index.plans_due_by(
        until, today=timezone.localdate(), data_file_ids=data_file_ids
    )
    kinds, names = {}, {}
    if states:
        files = DataFile.objects.filter(pk__in={state.data_file_id for state in states})
        for pk, kind, name in files.values_list("pk", "kind", "name"):
            kinds[pk], names[pk] = kind, name
    terms = _Terms(states, kinds=kinds)
    plans += [
        due_index.Stored(
            ref=state.ref,
            data_file_id=state.data_file_id,
            file_name=names.get(state.data_file_id, ""),
            casusoverleg=state.casusoverleg,
            destruction=earliest_destruction(state, terms.of(state.data_file_id)),
            archive=archiving(state, terms.of(state.data_file_id)),
        )
        for state in states
    ]
    planned = [
        (plan, found)
        for plan in plans
        if (found := shown(plan.destruction, plan.archive, as_of=as_of, until=until)) is not None
    ]
    held = held_dossiers(as_of=as_of) if planned else set()
    return sorted(
        (
            Planned(
                ref=plan.ref,
                action=found.action,
                rule=found.rule,
                due_on=found.due_on,
                data_file_id=plan.data_file_id,
                file_name=plan.file_name,
                casusoverleg=plan.casusoverleg,
                held=_key(plan.ref) in held,
            )
            for plan, found in planned
        ),
        key=lambda p: (p.due_on, p.ref.file_label, p.ref.key),
    )


def _failure(error: Exception) -> str:
    """The exception's class and the first line of its message: no details, no values."""
    lines = str(error).strip().splitlines()
    text = type(error).__name__ + (f": {lines[0]}" if lines else "")
    return text[:500]


def _act(ref: DossierRef, found: Due, *, run: SweepRun, by) -> str:
    if found.action == Action.DESTROY:
        destroy_dossier(ref, rule=found.rule, due_on=found.due_on, run=run, by=by)
        return DESTROYED
    registry.get(ref.file_label).archive(ref, by=by)
    return ARCHIVED


def _handle(ref: DossierRef, *, as_of: date, terms: _Terms, run: SweepRun, by) -> str:
    """One dossier, in its own transaction: lock its sweep row (or leave it to the worker that
    has it), decide again from its state now, act in a savepoint."""
    rows = DossierSweepState.objects.filter(file_label=ref.file_label, dossier_key=ref.key)
    # Committed at once (autocommit), so a second worker finds the row and skips it rather
    # than wait on our insert.
    DossierSweepState.objects.bulk_create(
        [DossierSweepState(file_label=ref.file_label, dossier_key=ref.key)],
        ignore_conflicts=True,
    )
    with transaction.atomic():
        row = rows.select_for_update(skip_locked=True).first()
        if row is None:
            return SKIPPED  # another worker has it (or finished it just now)
        state = registry.get(ref.file_label).state(ref)
        found = due(state, terms.of(state.data_file_id), as_of=as_of) if state else None
        if found is None:
            row.delete()
            return SKIPPED
        if in_force(as_of=as_of).filter(file_label=ref.file_label, dossier_key=ref.key).exists():
            row.delete()  # a hold recorded since the run started (VH 20.2)
            return HELD
        try:
            with transaction.atomic():
                outcome = _act(ref, found, run=run, by=by)
        except Exception as error:  # noqa: BLE001 - any failure leaves the dossier whole
            logger.warning(
                "Retention sweep %s: %s %s failed (%s)",
                run.pk,
                found.action,
                ref.key,
                type(error).__name__,
            )
            row.action = found.action
            row.failed_at = timezone.now()
            row.failure = _failure(error)
            row.attempts += 1
            row.run = run
            row.save()
            return FAILED
        row.delete()
        return outcome


def run_sweep(*, as_of: date | None = None, trigger: str, by=None, progress=None) -> SweepRun:
    """Archive and destroy what is due as of `as_of` (default today); returns the SweepRun.
    `progress(done, total)` is called before the first dossier and after each batch."""
    from retention.services.alarms import send_failure_alarm

    as_of = as_of or timezone.localdate()
    catch_up_ledger()  # the line of a destruction whose worker died after its commit
    run = SweepRun.objects.create(as_of=as_of, trigger=trigger, started_by=by)
    end_lapsed_holds(as_of=as_of)
    held = held_dossiers(as_of=as_of)
    states = _states(until=as_of)
    terms = _Terms(states)
    todo = [s.ref for s in states if due(s, terms.of(s.data_file_id), as_of=as_of) is not None]
    # A failed or interrupted dossier is tried again (or its row dropped when no longer due).
    waiting = {
        DossierRef(label, key)
        for label, key in DossierSweepState.objects.values_list("file_label", "dossier_key")
    }
    todo += sorted(waiting - set(todo), key=_key)
    counts = {ARCHIVED: 0, DESTROYED: 0, HELD: 0, FAILED: 0, SKIPPED: 0}
    failed: list[DossierRef] = []
    if progress:
        progress(0, len(todo))
    done = 0
    for batch in batches(todo):  # one transaction a batch (issue 13: `services.batch`)
        outcomes = {ref: HELD for ref in batch if _key(ref) in held}
        free = [ref for ref in batch if ref not in outcomes]
        outcomes.update(handle_batch(free, as_of=as_of, terms=terms, run=run, by=by))
        for ref in batch:
            counts[outcomes[ref]] += 1
            if outcomes[ref] == FAILED:
                failed.append(ref)
        done += len(batch)
        if progress:
            progress(done, len(todo))
    run.archived, run.destroyed = counts[ARCHIVED], counts[DESTROYED]
    run.held, run.failed = counts[HELD], counts[FAILED]
    run.finished_at = timezone.now()
    run.save(update_fields=["archived", "destroyed", "held", "failed", "finished_at"])
    if failed:
        send_failure_alarm(run, failed)
    return run
