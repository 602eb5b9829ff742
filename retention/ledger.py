"""The ledger of destructions outside the database (B8): a restored backup from before a
destruction would bring the person back; `manage.py retention_replay` reads this ledger and
destroys them again. One JSON line per destruction, appended and synced to disk, holding the
file, the dossier number, the dates and the rule: no personal data. The file lives where
`settings.RETENTION_LEDGER` says: on storage the database's backups do not restore."""

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Destroyed:
    """A dossier destroyed once: what the ledger and the destruction records say of it."""

    file_label: str
    dossier_key: str
    opened_on: date | None
    destroyed_at: datetime
    rule: str
    due_on: date | None = None


def path() -> Path:
    return Path(settings.RETENTION_LEDGER)


def line_of(record) -> dict:
    """The ledger's line for a `DestructionRecord`."""
    return {
        "file_label": record.file_label,
        "dossier_key": record.dossier_key,
        "opened_on": record.opened_on.isoformat() if record.opened_on else None,
        "destroyed_at": record.destroyed_at.isoformat(),
        "rule": record.rule,
    }


def append(record) -> None:
    """Append the record's line, under a lock, and make sure it is on disk before returning."""
    append_many([record])


def append_many(records) -> None:
    """Append the records' lines at once (a batch of the sweep), under one lock and one sync
    to disk."""
    records = list(records)
    if not records:
        return
    ledger = path()
    ledger.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(line_of(record), sort_keys=True) + "\n" for record in records)
    with ledger.open("a", encoding="utf-8") as out:
        fcntl.flock(out, fcntl.LOCK_EX)
        try:
            out.write(lines)
            out.flush()
            os.fsync(out.fileno())
        finally:
            fcntl.flock(out, fcntl.LOCK_UN)


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None


def read() -> Iterator[Destroyed]:
    """Every destruction in the ledger, oldest first. A line that does not read (a write cut off
    by a crash) is skipped."""
    ledger = path()
    if not ledger.exists():
        return
    with ledger.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
                yield Destroyed(
                    file_label=entry["file_label"],
                    dossier_key=entry["dossier_key"],
                    opened_on=_day(entry.get("opened_on")),
                    destroyed_at=datetime.fromisoformat(entry["destroyed_at"]),
                    rule=entry["rule"],
                )
            except (ValueError, KeyError, TypeError):
                continue
