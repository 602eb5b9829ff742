"""The registry of files (ARCHITECTURE: "The one idea").

Every file app registers one implementation of `PersonalDataFile`; `rights`, `retention` and
`security` reach the files only through `files()` and `get()`, and name a dossier by its file's
label and key (`DossierRef`), never by importing a file app.

A file also says which of its models belong to a dossier and how each reaches the dossier's
root (`dossier_paths`): `dossier_of` uses that to put the dossier on every audit entry (S2, B8).
The contract every file meets is proven by `tests/subjects/test_registry_contract.py`.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its file's label and its key in that file: no personal data."""

    file_label: str
    key: str


@dataclass(frozen=True)
class ItemRef:
    """One row of a dossier (a signal, a measure), named by its model and key: what a
    rectification, restriction or erasure points at (R6)."""

    model: str  # "app_label.modelname"
    pk: int


@dataclass(frozen=True)
class Identity:
    """What a data-subject request or a transfer says about the person sought."""

    surname: str
    given_names: str
    date_of_birth: date
    prefix: str = ""
    bsn: str = ""


@dataclass(frozen=True)
class DossierState:
    """What retention, rights and oversight need to know of a dossier, without names (B1-B6).
    The retention terms are not here: they are kept per file (`data_file_id`) by `retention`."""

    ref: DossierRef
    status: str
    decision: str  # the file's outcome code, or "" while undecided
    decided_on: date | None
    last_processed_on: date
    casusoverleg: str  # "" for a file that is not a casusoverleg
    data_file_id: int  # the parties.DataFile the dossier is kept in (P8): its terms (B4, C11)
    opened_on: date
    # The last meeting the subject was on the agenda of (VH 20.1), None if never.
    last_on_agenda: date | None
    # Being discussed, or measures with running deadlines: stays active (VH 20.1).
    in_progress: bool
    # Decided not to be put on the agenda of a casusoverleg (CTER 13.4: six months, B2).
    not_agendered: bool
    deceased: bool
    archived: bool
    archived_on: date | None
    # Issue 13: when `in_progress` ends by itself, with nothing written: the last day it holds
    # (`date.max`: until something of the dossier is written, e.g. its open measures). Time only
    # ends being in progress, never starts it: that takes a write. None while in progress: the
    # file does not say, and retention reads the state every time (ADR 0031).
    in_progress_until: date | None = None


# The figures a file counts (U6, B7): one name each, for the files, retention and insights.
OPENED = "opened"  # dossiers opened, in the month they were opened
SIGNALS = "signals"  # signals received, in the month they were entered
DECISIONS = "decisions"  # current decisions, reason = the outcome code, month decided
DAYS_TO_DECISION = "days_to_decision"  # reason = a DAY_BUCKETS label, month decided
CLOSED = "closed"  # standing decisions to close, reason = the closing reason, month decided
MEASURES = "measures"  # measures taken, in the month they were made
MEASURES_DUE = "measures_due"  # reason ON_TIME or LATE, in the month of their deadline
ON_TIME, LATE = "on_time", "late"
# Dossiers in the archive, in the month they were archived, reason ON_TIME or LATE against the
# archive term (`retention.services.statistics.archived_figure`). Counted by `figures()` of every
# dossier only (ref None): of a destroyed dossier retention keeps the archive figure itself.
ARCHIVED_DOSSIERS = "archived_dossiers"

# Days from the first signal received to the decision, in buckets: (up to and including, label).
DAY_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (7, "0-7"),
    (14, "8-14"),
    (28, "15-28"),
    (None, "29+"),
)


@dataclass(frozen=True)
class Figure:
    """One anonymised count of a file (U6, B7, VH 20.4): how many of `figure` (with `reason`)
    fell in `month` (its first day) in the parties.DataFile `data_file_id`. No key back to a
    person: what management information shows, and what retention keeps of a destroyed
    dossier."""

    data_file_id: int
    month: date
    figure: str
    reason: str = ""
    count: int = 1


@dataclass
class ExportItem:
    """One piece of data in an access answer (R4, CTER 12.3): where it came from, when, and
    its category of VH 9.2 (`subjects.categories.DataCategory`). `item` names the row it was
    read from, for a later rectification or erasure; None for data derived from several rows."""

    data: dict[str, str]
    source: str
    on: date | None
    category: str
    item: ItemRef | None = None


# The `rights.LegalGround` code of UAVG 41(1)(i): the protection of the subject or of the rights
# and freedoms of others (AVG 15.4): why the reporter and the related people are withheld (R4).
PROTECTION_OF_OTHERS = "bescherming-betrokkene"


@dataclass(frozen=True)
class Withheld:
    """A part of a dossier an access answer leaves out, and why (R4, R5; AVG 15.4): the ground
    is the code of a `rights.LegalGround` ("bescherming-betrokkene" for the rights of others)."""

    what: str
    ground: str


@dataclass(frozen=True)
class Addressee:
    """Whom a letter is for (I4, I5): the subject, or a person registered in the dossier."""

    name: str
    address: str


@dataclass
class ExportSection:
    """One part of a dossier for an access request (R4, CTER 12.3): the data, why they are
    processed, who (may) receive them, and where they came from."""

    title: str
    items: list[ExportItem]
    purposes: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)

    @property
    def data(self) -> list[dict[str, str]]:
        return [item.data for item in self.items]


@dataclass(frozen=True)
class Recipient:
    """Who received data of a dossier (R6, CTER 12.6: they are told of a rectification):
    a party, partner or other file; what; when; and how (`kind`)."""

    kind: str  # "disclosure", "transfer", "copy" or "export"
    party: str
    what: str
    on: date


class PersonalDataFile(Protocol):
    label: str
    # Every model of the file that belongs to a dossier, with the attribute path from a row
    # to the dossier's root ("" for the root itself, "analysis.assessment" for two steps).
    dossier_paths: Mapping[type, str]
    # The reasons its figures carry (outcome codes, closing reasons) and their labels (U6).
    figure_reasons: Mapping[str, str]

    def key_of(self, root) -> str: ...

    def find_dossiers(self, identity: Identity) -> Iterable[DossierRef]: ...

    def data_file(self, ref: DossierRef): ...  # the parties.DataFile the dossier is kept in (P8)

    # The keys of the dossiers kept in `data_files` (parties.DataFile rows, any kind): a
    # `values_list` queryset, so oversight filters audit entries by file in one query (S2).
    def dossier_keys(self, data_files) -> Any: ...

    def addressee(self, ref: DossierRef, person: ItemRef | None) -> Addressee: ...

    def dossier_url(self, ref: DossierRef) -> str: ...  # the dossier's own page

    def list_dossiers(self) -> Iterator[DossierState]: ...

    def state(self, ref: DossierRef) -> DossierState | None: ...  # None: no such dossier (now)

    # The states of the dossiers with these keys, in as many queries as for one (oversight
    # looks at many at once); a key of no dossier (now) is left out.
    def states(self, keys: Iterable[str]) -> Iterator[DossierState]: ...

    # U6, B7: the figures of one dossier, or (ref None) of every dossier of the file, counted
    # in the database per file, month, figure and reason (no loop over dossiers).
    def figures(self, ref: DossierRef | None = None) -> Iterable[Figure]: ...

    # Issue 13: the figures of these dossiers together (`figures` of each, added up), in as many
    # queries as for one: what retention keeps of a batch it destroys (B7).
    def figures_of(self, refs: Iterable[DossierRef]) -> Iterable[Figure]: ...

    def export(self, ref: DossierRef, *, by) -> list[ExportSection]: ...

    def recipients(self, ref: DossierRef) -> list[Recipient]: ...

    def last_processed_on(self, ref: DossierRef) -> date: ...

    def rectify(self, ref: DossierRef, item: ItemRef, changes: dict, *, by) -> None: ...

    def erase(self, ref: DossierRef, item: ItemRef, *, by) -> None: ...

    def restrict(self, ref: DossierRef, item: ItemRef, *, reason: str, by) -> None: ...

    def lift_restriction(self, ref: DossierRef, item: ItemRef, *, by) -> None: ...

    # R7: an upheld objection ends the processing: the dossier is closed and goes to retention.
    def end_processing(self, ref: DossierRef, *, by, reason: str) -> None: ...

    def archive(self, ref: DossierRef, *, by) -> None: ...

    def reactivate(self, ref: DossierRef, *, by) -> None: ...

    # B8: everything of the dossier, its audit trail included; returns the rows deleted per
    # kind (verbose name plural -> count), {} when there was no such dossier.
    def destroy(self, ref: DossierRef, *, by) -> dict[str, int]: ...

    # B8, issue 13: `destroy` for many dossiers of the file in one transaction, cheaper than
    # one by one (their roots locked in one query, the sessions read once). `nowait`: raise
    # (django.db.DatabaseError) at once when another transaction holds a root, rather than
    # wait. Returns the rows deleted per kind of each dossier destroyed; a dossier that is not
    # there is left out.
    def destroy_many(
        self, refs: Iterable[DossierRef], *, by, nowait: bool = False
    ) -> dict[DossierRef, dict[str, int]]: ...


_FILES: dict[str, PersonalDataFile] = {}
_BY_MODEL: dict[type, PersonalDataFile] = {}
_LISTENERS: list[Callable[[PersonalDataFile], None]] = []


def register(file: PersonalDataFile) -> None:
    if file.label in _FILES and _FILES[file.label] is not file:
        raise ValueError(f"A file labelled {file.label!r} is registered already.")
    _FILES[file.label] = file
    for model in file.dossier_paths:
        _BY_MODEL[model] = file
    for listener in _LISTENERS:
        listener(file)


def on_register(listener: Callable[[PersonalDataFile], None]) -> None:
    """Call `listener(file)` for every file, registered now or later, whatever the order of the
    apps' `ready` (retention connects its signals to each file's models, ADR 0021). It may be
    called twice for one file."""
    _LISTENERS.append(listener)
    for file in list(_FILES.values()):
        listener(file)


def files() -> list[PersonalDataFile]:
    return list(_FILES.values())


def get(label: str) -> PersonalDataFile:
    return _FILES[label]


def item_ref(instance) -> ItemRef:
    return ItemRef(instance._meta.label_lower, instance.pk)


def dossier_root(instance) -> tuple[Any, DossierRef] | None:
    """The root of the dossier `instance` belongs to, and its name; None for a row of no
    dossier (a user, a meeting) or one whose dossier is gone."""
    model = instance._meta.concrete_model
    file = _BY_MODEL.get(model)
    if file is None:
        return None
    root = instance
    try:
        for attribute in filter(None, file.dossier_paths[model].split(".")):
            root = getattr(root, attribute)
    except ObjectDoesNotExist:
        return None
    if root is None:
        return None
    return root, DossierRef(file.label, file.key_of(root))


def prefetch_roots(instances) -> None:
    """Fetch the dossier roots of many rows in one query per step of their path (a list page
    of signals, an agenda), so that `dossier_root` then asks nothing of the database."""
    by_model: dict[type, list] = {}
    for instance in instances:
        by_model.setdefault(instance._meta.concrete_model, []).append(instance)
    for model, rows in by_model.items():
        file = _BY_MODEL.get(model)
        path = file.dossier_paths[model] if file is not None else ""
        if path:
            prefetch_related_objects(rows, path.replace(".", "__"))


def dossier_of(instance) -> DossierRef | None:
    found = dossier_root(instance)
    return found[1] if found is not None else None


def dossier_item(ref: DossierRef, item: ItemRef):
    """The row `item` names, refused (LookupError) unless it belongs to the dossier `ref`."""
    file = get(ref.file_label)
    for model in file.dossier_paths:
        if model._meta.label_lower == item.model:
            row = model._base_manager.filter(pk=item.pk).first()  # restricted ones too
            if row is not None and dossier_of(row) == ref:
                return row
            break
    raise LookupError("No such item in this dossier.")
