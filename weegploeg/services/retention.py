"""B3, B5, B8, W4: archiving, reactivating, destroying, and re-deriving permissions."""

from django.db import transaction
from django.utils import timezone

from parties.models import User
from rights.services import forget_dossier
from subjects.permissions import resync_all
from weegploeg.counts import recount_meetings
from weegploeg.models import Assessment
from weegploeg.permissions import sync_assessment_permissions
from weegploeg.services._common import FILE_LABEL


@transaction.atomic
def archive(assessment: Assessment, *, by: User | None) -> Assessment:
    """B3: to the non-active archive. The weegploeg file is open to kernpartijen only anyway;
    archiving is not a processing of the data, so the last-processing date stays."""
    if assessment.archived_at is None:
        assessment.archived_at = timezone.now()
        assessment.save(update_fields=["archived_at"])
    return assessment


@transaction.atomic
def reactivate(assessment: Assessment, *, by: User | None) -> Assessment:
    """B5, CTER 13.3: archived data made available to the weegploeg again on the controller's
    instruction; the change (and who made it) is in the audit trail."""
    if assessment.archived_at is not None:
        assessment.archived_at = None
        assessment.save(update_fields=["archived_at"])
    return assessment


@transaction.atomic
def destroy(assessment: Assessment, *, by: User | None, kinds=()) -> dict[str, int]:
    """Destroy a dossier completely (B8): the duty-to-inform and request records that name it,
    its rows, every audit entry of the dossier (found by its dossier columns, rows deleted
    earlier included, and by row for records of several dossiers), and the person's name in
    sessions, leaving one entry recording the destruction. Nothing of the person is logged
    while doing so. Returns the rows deleted per kind (`kinds`: the file's models)."""
    from subjects.forgetting import destroy_root
    from subjects.registry import DossierRef

    ref = DossierRef(FILE_LABEL, assessment.number)
    meetings = list(assessment.agenda_items.values_list("meeting", flat=True))
    counted = forget_dossier(file_label=FILE_LABEL, dossier_key=assessment.number)
    destroyed = destroy_root(ref, assessment, kinds=kinds, by=by, counted=counted)
    recount_meetings(*meetings)  # the agendas it was on are one item shorter (issue 13)
    return destroyed


def resync_permissions(*, chunk_size: int = 500) -> int:
    """Re-derive every assessment's permissions from today's parties: a gemeente that joined,
    a party that left, a municipality code that changed (W4, P7). Idempotent."""
    return resync_all(
        Assessment.objects.select_related("veiligheidshuis"),
        sync_assessment_permissions,
        chunk_size=chunk_size,
    )
