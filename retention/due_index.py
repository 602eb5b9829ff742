"""The stored due dates (issue 13, ADR 0021): for each dossier the earliest day it could fall
due for archiving or destruction (`DossierDue.check_on`), so the preview, the pages and the
sweep read only the dossiers that may be due in their window, then decide on those from their
real state with `retention.rules` as before.

- The day is a lower bound worked out with `retention.rules.next_due`, as if the dossier were
  not in progress: a case stops being in progress when its next meeting has passed, a day on
  which nothing is written (`check_on`).
- Kept in one place: every change to a dossier (`retention.due_signals`) marks its row "to be
  worked out" (`check_on` empty, a new `stamp`) in the changing transaction, and the row is
  worked out once that commits (`refresh`). A row is written only if its stamp is still the one
  read before the dossier was: a refresh that read the dossier before a later change never
  overwrites it; that change's own refresh follows.
- `rebuild` works out every dossier again: nightly on beat as a safety net, after a bulk load
  (the seed) and when the index is first made (`retention.apps`).
- The row also stores the dossier's plan (ADR 0031, `plan_of`): its earliest destruction, its
  archive day and the last day it is in progress, which only a write changes. The preview reads
  those (`plans_due_by`) and decides with the same rules, reading states only of the rows
  without one; the sweep still reads every candidate's state (`states_due_by`).
"""

import logging
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q

from retention.constants import Action, Rule
from retention.models import DossierDue
from retention.rules import Due, archiving, earliest_destruction, next_due
from retention.terms import Terms, terms_by_file
from subjects import registry
from subjects.registry import DossierRef, DossierState

logger = logging.getLogger(__name__)

CHUNK = 500
# Keys per `states` call of the preview and the sweep: one statement each.
STATES_CHUNK = 5000


def check_on(state: DossierState, terms: Terms) -> date | None:
    """The earliest day `state` could fall due: its next due day as if it were not in progress
    (the archive term may then be reached; a case in progress is looked at again from that day
    and the rules decide). None: look at it every time."""
    found = next_due(replace(state, in_progress=False), terms)
    return found.due_on if found is not None else None


# The plan of a dossier as stored (ADR 0031): (destroy_on, destroy_rule, archive_on, busy_until,
# casusoverleg), or all empty when none is stored.
PLAN_FIELDS = ("destroy_on", "destroy_rule", "archive_on", "busy_until", "casusoverleg")
NO_PLAN = (None, "", None, None, "")


def plan_of(state: DossierState, terms: Terms) -> tuple:
    """What the preview needs of the dossier, for any day, when only a write can change it
    (ADR 0031): its earliest destruction (day and rule), its archive day as if it were not in
    progress (none when archived), the last day it is in progress, its casusoverleg. NO_PLAN
    for a dossier in progress for as long as its file does not say: its state is read."""
    if state.in_progress and state.in_progress_until is None:
        return NO_PLAN
    destruction = earliest_destruction(state, terms)
    archive = archiving(replace(state, in_progress=False), terms)
    return (
        destruction.due_on,
        str(destruction.rule),
        archive.due_on if archive is not None else None,
        state.in_progress_until if state.in_progress else None,
        state.casusoverleg,
    )


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _by_label(refs: Iterable[DossierRef]) -> dict[str, list[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for ref in refs:
        keys[ref.file_label].add(ref.key)
    return {label: sorted(found) for label, found in keys.items()}


def _rows(label: str, keys: Iterable[str]):
    return DossierDue.objects.filter(file_label=label, dossier_key__in=list(keys))


# Reading: the dossiers that may be due.


def _may_be_due(until: date, data_file_ids: Iterable[int] | None) -> Q:
    may_be_due = Q(check_on__isnull=True) | Q(check_on__lte=until)
    if data_file_ids is not None:
        # A row not worked out since it was made names no file yet: looked at for every file.
        may_be_due = Q(check_on__isnull=True, data_file__isnull=True) | (
            may_be_due & Q(data_file__in=list(data_file_ids))
        )
    return may_be_due


def candidates(until: date, *, data_file_ids: Iterable[int] | None = None) -> dict[str, list]:
    """The keys per file label of the dossiers that may fall due on or before `until` (of the
    files `data_file_ids`, or of all): those whose check day is not after it, and those not
    worked out yet. One query."""
    rows = DossierDue.objects.filter(_may_be_due(until, data_file_ids))
    found: dict[str, list] = defaultdict(list)
    for label, key in rows.order_by("file_label", "dossier_key").values_list(
        "file_label", "dossier_key"
    ):
        found[label].append(key)
    return found


def _states_of(keys: dict[str, list]) -> list[DossierState]:
    """The real states of these dossiers through the registry, one batch per file and chunk."""
    return [
        state
        for file in registry.files()
        for chunk in _chunks(keys.get(file.label, []), STATES_CHUNK)
        for state in file.states(chunk)
    ]


def states_due_by(until: date, *, data_file_ids: Iterable[int] | None = None) -> list[DossierState]:
    """The real states (through the registry) of the dossiers that may fall due on or before
    `until`, in the registry's order; what the rules then decide is exactly what they decide
    over every dossier."""
    return _states_of(candidates(until, data_file_ids=data_file_ids))


class Stored(NamedTuple):
    """A dossier's plan read from its row (ADR 0031): what `retention.rules` decide from its
    state, for the day `plans_due_by` was asked about. A tuple: a thousand are made a page."""

    ref: DossierRef
    data_file_id: int
    file_name: str
    casusoverleg: str
    destruction: Due
    archive: Due | None  # None: archived, or in progress on the day asked


def _in_window(until: date, today: date) -> Q:
    """A stored plan that can show by `until`: its destruction, or its archiving when the
    dossier is not in progress `today`."""
    not_busy = Q(busy_until__isnull=True) | Q(busy_until__lt=today)
    return Q(destroy_on__lte=until) | (Q(archive_on__lte=until) & not_busy)


def plans_due_by(
    until: date, *, today: date, data_file_ids: Iterable[int] | None = None
) -> tuple[list[Stored], list[DossierState]]:
    """The dossiers that may fall due on or before `until` (of the files `data_file_ids`, or of
    all), for a preview on `today` (ADR 0031): the stored plans of those that have one, in one
    query, and the real states of the others (`states_due_by`), in a few queries per file.
    What the rules decide of them is exactly what they decide of every dossier's state."""
    rows = DossierDue.objects.filter(_may_be_due(until, data_file_ids)).filter(
        Q(destroy_on__isnull=True) | _in_window(until, today)
    )
    plans: list[Stored] = []
    unworked: dict[str, list] = defaultdict(list)
    dues: dict[tuple, Due] = {}  # one of each: many dossiers share a day and a rule

    def due_of(action: str, rule: str, day: date) -> Due:
        key = (action, rule, day)
        if key not in dues:
            dues[key] = Due(action, rule, day)
        return dues[key]

    fields = ("file_label", "dossier_key", "data_file_id", "data_file__name", *PLAN_FIELDS)
    for label, key, file_id, name, destroy_on, rule, archive_on, busy, overleg in rows.order_by(
        "file_label", "dossier_key"
    ).values_list(*fields):
        if destroy_on is None:
            unworked[label].append(key)
            continue
        idle = busy is None or busy < today
        plans.append(
            Stored(
                DossierRef(label, key),
                file_id,
                name,
                overleg,
                due_of(Action.DESTROY, rule, destroy_on),
                due_of(Action.ARCHIVE, Rule.ARCHIVE_TERM, archive_on)
                if archive_on is not None and idle
                else None,
            )
        )
    return plans, _states_of(unworked)


# Writing: marking, refreshing, rebuilding.


def mark(refs: Iterable[DossierRef]) -> None:
    """These dossiers changed (or are new): their rows to be worked out, a new stamp, in the
    caller's transaction. One statement."""
    stamp = secrets.randbits(62)
    rows = [
        DossierDue(file_label=label, dossier_key=key, check_on=None, stamp=stamp)
        for label, keys in sorted(_by_label(refs).items())
        for key in keys
    ]
    if rows:
        DossierDue.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["file_label", "dossier_key"],
            update_fields=["check_on", "stamp", "destroy_on"],
        )


def mark_file(data_file_id: int) -> None:
    """The terms of a file changed: the rows of its dossiers to be worked out. One statement."""
    DossierDue.objects.filter(data_file=data_file_id).update(
        check_on=None, destroy_on=None, stamp=secrets.randbits(62)
    )


def forget(refs: Iterable[DossierRef]) -> None:
    """These dossiers are gone (destroyed): their rows too."""
    for label, keys in _by_label(refs).items():
        _rows(label, keys).delete()


def _update(rows: list[tuple]) -> None:
    """Set (check_on, data_file, *PLAN_FIELDS) of many rows by key in one statement.
    PostgreSQL's `unnest`: `bulk_update` builds a CASE per row and field, seconds per thousand
    rows; it serves only where there is no `unnest`."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        # the embedded default (a demo's few rows): Django's own, a CASE per row and field
        fields = ("check_on", "data_file_id", *PLAN_FIELDS)
        DossierDue.objects.bulk_update(
            [DossierDue(pk=pk, **dict(zip(fields, values, strict=True))) for pk, *values in rows],
            ["check_on", "data_file", *PLAN_FIELDS],
        )
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    table = connection.ops.quote_name(DossierDue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS d SET check_on = v.check_on, data_file_id = v.data_file_id, "  # noqa: S608 - the table's own name
            "destroy_on = v.destroy_on, destroy_rule = v.destroy_rule, "
            "archive_on = v.archive_on, busy_until = v.busy_until, casusoverleg = v.casusoverleg "
            "FROM unnest(%s::bigint[], %s::date[], %s::bigint[], %s::date[], %s::text[], "
            "%s::date[], %s::date[], %s::text[]) "
            "AS v(id, check_on, data_file_id, destroy_on, destroy_rule, archive_on, busy_until, "
            "casusoverleg) WHERE d.id = v.id",
            columns,
        )


def _worked_out(state: DossierState, terms: Terms) -> tuple:
    """What a row stores of `state`: (check_on, data_file_id, *PLAN_FIELDS)."""
    return (check_on(state, terms), state.data_file_id, *plan_of(state, terms))


def _write(label: str, read: dict[str, int], states: dict[str, DossierState], terms) -> None:
    """Store what `states` say for the rows still stamped as `read` before the states were read
    (a row locked now is being changed: its own refresh follows); drop the rows of dossiers
    that are gone; add the rows missing. Only what differs is written."""
    stored_fields = ("check_on", "data_file", *PLAN_FIELDS)
    with transaction.atomic():
        locked = _rows(label, read).select_for_update(skip_locked=True)
        current = locked.values_list("pk", "dossier_key", "stamp", *stored_fields)
        changed, gone = [], []
        for pk, key, stamp, *stored in current:
            if read.get(key) != stamp:
                continue  # marked since it was read: its own refresh follows
            state = states.get(key)
            if state is None:
                gone.append(pk)
                continue
            worked_out = _worked_out(state, terms[state.data_file_id])
            if worked_out != tuple(stored):
                changed.append((pk, *worked_out))
        _update(changed)
        if gone:
            DossierDue.objects.filter(pk__in=gone).delete()
    missing = [
        DossierDue(
            file_label=label,
            dossier_key=key,
            **dict(
                zip(
                    ("check_on", "data_file_id", *PLAN_FIELDS),
                    _worked_out(state, terms[state.data_file_id]),
                    strict=True,
                )
            ),
        )
        for key, state in states.items()
        if key not in read
    ]
    if missing:  # outside the lock: a row made meanwhile by a change is left to its refresh
        DossierDue.objects.bulk_create(missing, ignore_conflicts=True)


def _terms_of(states: Iterable[DossierState]) -> dict[int, Terms]:
    return terms_by_file({state.data_file_id for state in states})


def refresh(refs: Iterable[DossierRef]) -> None:
    """Work out the rows of these dossiers from their state now (after their change
    committed). A few queries per file and chunk of 500."""
    for label, keys in _by_label(refs).items():
        file = registry.get(label)
        for chunk in _chunks(keys, CHUNK):
            read = dict(_rows(label, chunk).values_list("dossier_key", "stamp"))
            states = {state.ref.key: state for state in file.states(chunk)}
            _write(label, read, states, _terms_of(states.values()))


def _store(label: str, read: dict[str, int], states: list[DossierState]) -> None:
    found = {state.ref.key: state for state in states}
    stamps = {key: read[key] for key in found if key in read}
    _write(label, stamps, found, _terms_of(states))


def _rebuild_file(file, *, chunk: int) -> int:
    # The stamps before any state is read: a dossier changed after this keeps its mark.
    read = dict(
        DossierDue.objects.filter(file_label=file.label).values_list("dossier_key", "stamp")
    )
    batch: list[DossierState] = []
    seen: set[str] = set()
    for state in file.list_dossiers():
        batch.append(state)
        seen.add(state.ref.key)
        if len(batch) >= chunk:
            _store(file.label, read, batch)
            batch = []
    if batch:
        _store(file.label, read, batch)
    for keys in _chunks(sorted(set(read) - seen), chunk):  # dossiers no longer there
        _write(file.label, {key: read[key] for key in keys}, {}, {})
    return len(seen)


def rebuild(*, chunk: int = CHUNK) -> int:
    """Every dossier's row worked out afresh from its state, the rows of dossiers that no
    longer exist removed: the nightly safety net, and what a bulk load that wrote no rows (the
    seed) calls after it. Idempotent, in chunks; a dossier changed while it runs is left to
    its own refresh. Returns the number of dossiers."""
    total = sum(_rebuild_file(file, chunk=chunk) for file in registry.files())
    logger.info("Stored due dates rebuilt: %d dossiers.", total)
    return total


def refresh_file(data_file_id: int) -> None:
    """The rows of every dossier of one file (its terms changed), in chunks."""
    from parties.models import DataFile

    data_file = DataFile.objects.filter(pk=data_file_id).first()
    if data_file is None:
        return
    for file in registry.files():
        keys = list(file.dossier_keys([data_file]))
        refresh(DossierRef(file.label, key) for key in keys)
