from datetime import date

from parties.models import Party
from rights.models import DutyToInform


def start_duty_to_inform(
    *, file_label: str, dossier_key: str, responsible_party: Party, started_on: date
) -> DutyToInform:
    """I1: the outcome of the weegploeg starts the duty to inform the subject (CTER 11.1-2).
    Idempotent for the same outcome."""
    duty, _ = DutyToInform.objects.get_or_create(
        file_label=file_label,
        dossier_key=dossier_key,
        responsible_party=responsible_party,
        started_on=started_on,
    )
    return duty


def forget_dossier(*, file_label: str, dossier_key: str) -> None:
    """A destroyed dossier leaves nothing here either (B8)."""
    DutyToInform.objects.filter(file_label=file_label, dossier_key=dossier_key).delete()
