"""Which groups see which weegploeg meeting (ADR 0011, ADR 0039; issue 13): a group sees a
meeting when it holds the view permission on an assessment on the meeting's agenda, worked out
by `subjects.sight.Sight` and kept in `MeetingSight`; `weegploeg.selectors.meetings_for` reads
it (`seen_q`).

Called in the transaction of each change it follows from:
- a meeting's agenda: a meeting held (`services.meetings.hold_meeting`), dossiers destroyed
  (`services.retention.destroy_many`), an agenda item erased (the file's `items_changed`):
  `refresh(meetings)`;
- an assessment's permission rows (`permissions.sync_assessment_permissions`, the one place
  that grants them), only when a row changed: `refresh_assessments([assessment])`;
- the bulk load (`scale`): `refresh_all()`. The migration that made the table filled it the
  same way."""

from subjects.sight import Sight
from weegploeg.models import AgendaItem, AssessmentGroupPermission, MeetingSight

SIGHT = Sight(
    sight_model=MeetingSight,
    item_model=AgendaItem,
    dossier="assessment",
    permission_model=AssessmentGroupPermission,
    view="view_assessment",
)
refresh = SIGHT.refresh
refresh_assessments = SIGHT.refresh_dossiers
refresh_all = SIGHT.refresh_all
seen_q = SIGHT.seen_q
shown_count = SIGHT.shown_count
