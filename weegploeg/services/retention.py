"""B3, B5, B8, W4: archiving, reactivating, destroying, and re-deriving permissions."""

from django.db import transaction
from django.utils import timezone

from parties.models import User
from rights.services import forget_dossiers
from subjects.permissions import resync_all
from weegploeg import sight
from weegploeg.counts import recount_meetings
from weegploeg.models import AgendaItem, Assessment
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
    """Destroy a dossier completely (B8): `destroy_many` for one."""
    from subjects.registry import DossierRef

    ref = DossierRef(FILE_LABEL, assessment.number)
    return destroy_many({ref: assessment}, by=by, kinds=kinds)[ref]


@transaction.atomic
def destroy_many(assessments: dict, *, by: User | None, kinds=()) -> dict:
    """Destroy dossiers completely (B8; `assessments`: DossierRef -> Assessment): the
    duty-to-inform and request records that name them, their rows, every audit entry of the
    dossiers (found by their dossier columns, rows deleted earlier included, and by row for
    records of several dossiers), and the persons' names in sessions, leaving one entry
    recording each destruction. Nothing of the persons is logged while doing so. In a number
    of queries that does not grow with the dossiers (issue 13, ADR 0029). Returns the rows
    deleted per kind (`kinds`: the file's models) of each dossier."""
    from config.audit import purge_batch
    from subjects.forgetting import destroy_roots

    meetings = list(
        AgendaItem.objects.filter(assessment__in=list(assessments.values())).values_list(
            "meeting", flat=True
        )
    )
    with purge_batch():  # the destruction entries name every entry purged here (S2)
        counted = forget_dossiers(list(assessments))
        destroyed = destroy_roots(assessments, kinds=kinds, by=by, counted=counted)
    recount_meetings(*meetings)  # the agendas they were on are shorter (issue 13)
    sight.refresh(meetings)  # and may no longer show anything to some (ADR 0039)
    return destroyed


def resync_permissions(*, chunk_size: int = 500) -> int:
    """Re-derive every assessment's permissions from today's parties: a gemeente that joined,
    a party that left, a municipality code that changed (W4, P7). Idempotent."""
    return resync_all(
        Assessment.objects.select_related("veiligheidshuis"),
        sync_assessment_permissions,
        chunk_size=chunk_size,
    )
