"""Which groups see which case meeting (ADR 0011, ADR 0039; issue 13): a group sees a meeting
when it holds the view permission on a case on the meeting's agenda, worked out by
`subjects.sight.Sight` and kept in `CaseMeetingSight`; `cases.selectors.meetings_for` reads it
for the meetings a user sees through their cases (beside those of the casusoverleggen they
chair or keep).

Called in the transaction of each change it follows from:
- a meeting's agenda: a meeting held (`meeting_services.hold_meeting`), cases destroyed (the
  file's `destroy_many`), a discussion erased (the file's `items_changed`): `refresh(meetings)`;
- a case's permission rows (`permissions.sync_case_permissions`, the one place that grants
  them), only when a row changed: `refresh_cases([case])`;
- the bulk load (`scale`): `refresh_all()`. The migration that made the table filled it the
  same way."""

from cases.models import CaseGroupPermission, CaseMeetingSight, Discussion
from subjects.sight import Sight

SIGHT = Sight(
    sight_model=CaseMeetingSight,
    item_model=Discussion,
    dossier="case",
    permission_model=CaseGroupPermission,
    view="view_case",
)
refresh = SIGHT.refresh
refresh_cases = SIGHT.refresh_dossiers
refresh_all = SIGHT.refresh_all
seen_meetings = SIGHT.seen_meetings
shown_count = SIGHT.shown_count
