"""The retention sweep in batches (issue 13, O3, B2-B8): a batch of due dossiers is handled in
one transaction, at a cost that grows by the batch rather than by the dossier.

- Two workers never take the same dossier: the batch locks the `DossierSweepState` rows of its
  dossiers in one query, `select_for_update(skip_locked=True)`; a dossier whose row another
  worker holds is skipped (that worker has it).
- Under those locks it reads the dossiers' states again (one query per file, not per dossier),
  checks the holds of all of them in one query (VH 20.2, B6), archives what is due to be
  archived and destroys what is due to be destroyed together
  (`retention.services.destruction.destroy_dossiers`).
- "A job that fails halfway leaves every dossier either done or untouched": a batch that fails
  (a dossier that does not destroy, a dossier someone holds a lock on right now) is rolled back
  whole, and its dossiers are then handled one at a time (`retention.services.sweep._handle`),
  so the failing dossier is marked failed with its reason and the others are done."""

import logging
from datetime import date

from django.db import transaction
from django.db.models import Q

from retention.constants import Action
from retention.models import DossierSweepState
from retention.rules import due
from retention.services.destruction import ToDestroy, destroy_dossiers
from retention.services.holds import in_force
from subjects import registry
from subjects.registry import DossierRef

logger = logging.getLogger(__name__)

# Dossiers per transaction: large enough that the fixed cost of a batch (a pass over the
# sessions, a few queries per kind of row) is shared widely, small enough that a batch holds
# its locks for seconds, not minutes.
BATCH_SIZE = 250


def batches(refs: list[DossierRef], size: int = BATCH_SIZE):
    for start in range(0, len(refs), size):
        yield refs[start : start + size]


def _about(refs) -> Q:
    """The rows (with `file_label` and `dossier_key` columns) of these dossiers."""
    keys: dict[str, list[str]] = {}
    for ref in refs:
        keys.setdefault(ref.file_label, []).append(ref.key)
    wanted = Q(pk__in=[])
    for label, labelled in keys.items():
        wanted |= Q(file_label=label, dossier_key__in=labelled)
    return wanted


def handle_batch(refs: list[DossierRef], *, as_of: date, terms, run, by) -> dict[DossierRef, str]:
    """The outcome (`sweep.ARCHIVED`, `DESTROYED`, `HELD`, `FAILED`, `SKIPPED`) of each dossier
    of the batch: all in one transaction, or, when that fails, one at a time."""
    from retention.services.sweep import _handle

    if len(refs) > 1:
        try:
            return _together(refs, as_of=as_of, terms=terms, run=run, by=by)
        except Exception as error:  # noqa: BLE001 - rolled back whole: one at a time below
            logger.warning(
                "Retention sweep %s: a batch of %d dossiers failed (%s); one at a time",
                run.pk,
                len(refs),
                type(error).__name__,
            )
    return {ref: _handle(ref, as_of=as_of, terms=terms, run=run, by=by) for ref in refs}


def _together(refs, *, as_of: date, terms, run, by) -> dict[DossierRef, str]:
    from retention.services.sweep import ARCHIVED, DESTROYED, HELD, SKIPPED

    # Committed at once (autocommit), so a second worker finds the rows and skips them rather
    # than wait on our insert.
    DossierSweepState.objects.bulk_create(
        [DossierSweepState(file_label=ref.file_label, dossier_key=ref.key) for ref in refs],
        ignore_conflicts=True,
    )
    outcomes = dict.fromkeys(refs, SKIPPED)
    with transaction.atomic():
        rows = DossierSweepState.objects.filter(_about(refs)).select_for_update(skip_locked=True)
        locked = {DossierRef(row.file_label, row.dossier_key): row.pk for row in rows}
        mine = [ref for ref in refs if ref in locked]  # the others: another worker has them
        states = {}
        for label in dict.fromkeys(ref.file_label for ref in mine):
            keys = [ref.key for ref in mine if ref.file_label == label]
            states.update({state.ref: state for state in registry.get(label).states(keys)})
        found = {}
        for ref in mine:
            state = states.get(ref)
            now = due(state, terms.of(state.data_file_id), as_of=as_of) if state else None
            if now is not None:  # no longer due (or gone): skipped, its row dropped
                found[ref] = now
        # A hold recorded since the run started (VH 20.2).
        held = in_force(as_of=as_of).filter(_about(found)).values_list("file_label", "dossier_key")
        for ref in {DossierRef(label, key) for label, key in held}:
            outcomes[ref] = HELD
            found.pop(ref, None)
        for ref, now in found.items():
            if now.action != Action.DESTROY:
                registry.get(ref.file_label).archive(ref, by=by)
                outcomes[ref] = ARCHIVED
        destroy = [
            ToDestroy(ref, now.rule, now.due_on)
            for ref, now in found.items()
            if now.action == Action.DESTROY
        ]
        # A dossier someone holds a lock on (`nowait`) fails the batch at once: one at a time,
        # the sweep then waits for it alone.
        for record in destroy_dossiers(destroy, run=run, by=by, nowait=True, states=states):
            outcomes[DossierRef(record.file_label, record.dossier_key)] = DESTROYED
        DossierSweepState.objects.filter(pk__in=[locked[ref] for ref in mine]).delete()
    return outcomes
