"""The read rules of "bekend elders?" (K1), once: which file has a legal basis for the check,
who may ask it from which file, and which files' dossiers are published to the index. Pages,
the API and the services all call these."""

from dataclasses import dataclass
from datetime import datetime

from auditlog import get_logentry_model
from django.utils.translation import gettext as _

from elsewhere.models import CheckBasis
from parties.models import DataFile
from parties.permissions import is_file_keeper
from subjects.registry import DossierRef


def basis_of(data_file: DataFile) -> CheckBasis | None:
    """The legal basis the file's specific covenant records for the check, or None (VH 19)."""
    if data_file is None or data_file.pk is None:
        return None
    return CheckBasis.objects.filter(data_file=data_file).first()


def check_refusal(user, data_file: DataFile) -> str | None:
    """None when `user` may ask "bekend elders?" from `data_file`: the uitvoerder who keeps
    the file (`parties.permissions.is_file_keeper`), and only when the file's covenant records
    a legal basis for the check (K1, C10). Otherwise why not, to show on the page."""
    if not is_file_keeper(user, data_file):
        return _("Only the uitvoerder of this file may ask whether a person is known elsewhere.")
    if basis_of(data_file) is None:
        return _(
            "The specific covenant of this file records no legal basis for asking whether a "
            "person is known elsewhere, so the check is not offered."
        )
    return None


def published_files():
    """The files whose dossiers are published to the index, and answered for (K1, K2): those
    with a legal basis for the check."""
    return DataFile.objects.filter(elsewhere_basis__isnull=False)


def published_file_ids() -> set[int]:
    return set(CheckBasis.objects.values_list("data_file_id", flat=True))


@dataclass(frozen=True)
class AskedRow:
    """One check that found a dossier, as its trail records it (K1: the holding side sees who
    asked): when, who (a user, or for a peer's check its installation), from which
    Veiligheidshuis or installation, and what was answered."""

    at: datetime
    actor: str
    asking: str
    match: str
    state: str


def asked_about(ref: DossierRef, *, limit: int = 25) -> list[AskedRow]:
    """The latest checks that found the dossier `ref`, newest first, read from its trail (the
    entries `answering.log_answers` writes). One query."""
    entries = (
        get_logentry_model()
        .objects.filter(
            file_label=ref.file_label,
            dossier_key=ref.key,
            action=get_logentry_model().Action.ACCESS,
            additional_data__has_key="known_elsewhere",
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
    rows = []
    for entry in entries:
        noted = entry.additional_data["known_elsewhere"]
        actor = entry.actor.display_name if entry.actor else ""
        rows.append(
            AskedRow(
                at=entry.timestamp,
                actor=actor,
                asking=noted.get("asked_by", ""),
                match=noted.get("match", ""),
                state=noted.get("state", ""),
            )
        )
    return rows
