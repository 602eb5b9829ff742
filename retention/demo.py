"""Demo data of retention (a late seeder, after the files): in the weegploeg of Kennemerland one
dossier in the non-active archive (B3) and one kept longer by a hold with its reasons and the
controller's decision (VH 20.2, B6). The Veelplegers terms (VH 20.1, C11) are seeded with the
casusoverleg (`cases.demo`). Reaches the dossiers only through the registry. Runs once: a second
seed changes nothing."""

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from config.audit import acting_as
from parties.constants import FileKind
from parties.models import DataFile, User
from retention.models import Hold
from retention.services.holds import record_hold
from subjects import registry
from subjects.registry import DossierRef

REGION = "kennemerland"
KEEPER = "uitvoerder"
HOLD_REASONS = (
    "De politie heeft laten weten dat een onderzoek naar de betrokkene loopt; de gegevens zijn "
    "nodig voor de beoordeling van nieuwe signalen."
)
HOLD_DECISION = (
    "De verantwoordelijke (de kernpartijen gezamenlijk) besloot op voorstel van de uitvoerder "
    "het dossier drie maanden langer te bewaren."
)


def _decided_dossiers(data_file: DataFile) -> list:
    """The decided, not archived dossiers of the file, by number: no names."""
    file = registry.get(FileKind.WEEGPLOEG)
    states = [
        state
        for state in file.list_dossiers()
        if state.data_file_id == data_file.pk and state.decision and not state.archived
    ]
    return sorted(states, key=lambda state: state.ref.key)


def _hold(ref: DossierRef, keeper: User) -> None:
    until = timezone.localdate() + relativedelta(months=3)
    record_hold(
        ref, reasons=HOLD_REASONS, controller_decision=HOLD_DECISION, until=until, by=keeper
    )


def seed() -> None:
    data_file = DataFile.objects.filter(kind=FileKind.WEEGPLOEG, key=REGION).first()
    keeper = User.objects.filter(username=KEEPER).first()
    if data_file is None or keeper is None:
        return
    file = registry.get(FileKind.WEEGPLOEG)
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        archived = any(
            state.archived and state.data_file_id == data_file.pk for state in file.list_dossiers()
        )
        decided = _decided_dossiers(data_file)
        # Not the dossiers put on the agenda of a casusoverleg: those are followed in the ICO.
        candidates = [state for state in decided if state.not_agendered] or decided
        if not archived and candidates:
            file.archive(candidates[-1].ref, by=None)  # B3: what the sweep does on time
            candidates = candidates[:-1]
        held = Hold.objects.filter(file_label=FileKind.WEEGPLOEG).exists()
        if not held and candidates:
            _hold(candidates[0].ref, keeper)
