"""The registry of files (ARCHITECTURE: "The one idea").

Every file app registers one implementation of `PersonalDataFile`; `rights`, `retention` and
`security` reach the files only through `files()`. The weegploeg issue fills in the first
implementation; the interface is fixed here so later apps can be written against it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its file's label and its key in that file: no personal data."""

    file_label: str
    key: str


class PersonalDataFile(Protocol):
    label: str

    def find_dossiers(self, **identity) -> Iterable[DossierRef]: ...

    def export(self, ref: DossierRef) -> list[dict]: ...

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
