"""The registry of files (ARCHITECTURE: "The one idea").

Every file app registers one implementation of `PersonalDataFile`; `rights`, `retention` and
`security` reach the files only through `files()` and `get()`, and name a dossier by its file's
label and key (`DossierRef`), never by importing a file app.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its file's label and its key in that file: no personal data."""

    file_label: str
    key: str


@dataclass(frozen=True)
class Identity:
    """What a data-subject request or a transfer says about the person sought."""

    surname: str
    given_names: str
    date_of_birth: date
    prefix: str = ""
    bsn: str = ""


@dataclass
class ExportSection:
    """One part of a dossier for an access request (R4, CTER 12.3): the data, why they are
    processed, who (may) receive them, and where they came from."""

    title: str
    data: list[dict[str, str]]
    purposes: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


class PersonalDataFile(Protocol):
    label: str

    def find_dossiers(self, identity: Identity) -> Iterable[DossierRef]: ...

    def export(self, ref: DossierRef) -> list[ExportSection]: ...

    def last_processed_on(self, ref: DossierRef) -> date: ...

    def archive(self, ref: DossierRef, *, by) -> None: ...

    def destroy(self, ref: DossierRef, *, by) -> None: ...


_FILES: dict[str, PersonalDataFile] = {}


def register(file: PersonalDataFile) -> None:
    if file.label in _FILES and _FILES[file.label] is not file:
        raise ValueError(f"A file labelled {file.label!r} is registered already.")
    _FILES[file.label] = file


def files() -> list[PersonalDataFile]:
    return list(_FILES.values())


def get(label: str) -> PersonalDataFile:
    return _FILES[label]
