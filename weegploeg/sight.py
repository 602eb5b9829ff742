"""Which groups see which weegploeg meeting (ADR 0011, ADR 0039; issue 13): a group sees a
meeting when it holds the view permission on an assessment on the meeting's agenda. This module
is the one place that works that out and keeps it in `MeetingSight`; the selectors read it
(`weegploeg.selectors.meetings_for`).

What it follows from changes in two ways, and each way calls it in its own transaction:
- a meeting's agenda: a meeting held (`services.meetings.hold_meeting`), dossiers destroyed
  (`services.retention.destroy_many`), an agenda item erased (the file's `items_changed`):
  `refresh(meetings)`;
- an assessment's permission rows (`permissions.sync_assessment_permissions`, the one place
  that grants them): `refresh_assessments([assessment])`, only when a row changed.
A bulk load that passes the services by (`scale`) calls `refresh_all`; the migration that made
the table filled it the same way."""

from subjects.permissions import cached_permission_id
from weegploeg.models import AgendaItem, MeetingSight

VIEW = "view_assessment"


def _seen(meeting_ids=None):
    """The distinct (meeting pk, group pk) of the groups that see these meetings (all when
    None): the agenda items joined to their assessments' view rows."""
    view = cached_permission_id("weegploeg", VIEW)
    items = (
        AgendaItem.objects.all()
        if meeting_ids is None
        else AgendaItem.objects.filter(meeting_id__in=meeting_ids)
    )
    return (
        items.filter(assessment__assessmentgrouppermission__permission_id=view)
        .values_list("meeting_id", "assessment__assessmentgrouppermission__group_id")
        .distinct()
        .order_by()
    )


def refresh(meeting_ids) -> None:
    """Work out anew which groups see each of these meetings."""
    ids = sorted({getattr(meeting, "pk", meeting) for meeting in meeting_ids})
    if not ids:
        return
    MeetingSight.objects.filter(meeting_id__in=ids).delete()
    MeetingSight.objects.bulk_create(
        MeetingSight(meeting_id=meeting, group_id=group) for meeting, group in _seen(ids)
    )


def refresh_assessments(assessment_ids) -> None:
    """Work out anew the meetings these assessments are on the agenda of."""
    ids = sorted({getattr(assessment, "pk", assessment) for assessment in assessment_ids})
    refresh(
        AgendaItem.objects.filter(assessment_id__in=ids)
        .values_list("meeting_id", flat=True)
        .distinct()
        .order_by()
    )


def refresh_all() -> None:
    """Every meeting anew, in two statements (a bulk load, the data migration)."""
    MeetingSight.objects.all().delete()
    seen = _seen()
    MeetingSight.objects.bulk_create(
        (MeetingSight(meeting_id=meeting, group_id=group) for meeting, group in seen.iterator()),
        batch_size=5000,
    )
