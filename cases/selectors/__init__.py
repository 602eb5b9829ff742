"""Every read rule of the ICO files, once (C1, C3, C4, C6, C7, C10, S1; CTER 9.1, 10.4; VH 14-16).

Pages, API views, form choice lists and services ask these functions what a user may see, keep,
export or report on; none of them writes its own queryset for it, so a page and its API endpoint
cannot disagree. Which party groups hold which object permissions stays in `cases.permissions`
(the visible and keepable querysets are delegated to it). What a user sees of a case meeting:
docs/adr/0011-what-the-chair-sees.md.
"""

from cases.selectors.cases import (  # noqa: F401
    addable_parties,
    case_parties,
    closing_advised,
    get_case_page,
    get_keepable_case,
    get_visible_case,
    keepable_cases,
    may_export,
    may_keep,
    may_see_cases,
    may_take_part,
    participation_refusal,
    sees_restricted,
    visible_cases,
    visible_overleggen,
)
from cases.selectors.copies import (  # noqa: F401
    copy_checkers,
    copy_destinations,
    copy_request_errors,
    copy_requesters,
    may_request_copy,
)
from cases.selectors.disclosures import (  # noqa: F401
    disclosures_for,
    get_visible_disclosure,
    is_external_partner,
    may_see_disclosures,
    visible_disclosures,
)
from cases.selectors.keeping import (  # noqa: F401
    chair_records,
    chaired_overleggen,
    chairs_of,
    get_reportable_measure,
    is_chair_of,
    is_keeper,
    kept_overleggen,
    may_report_on,
    meeting_overleg_ids,
    meeting_overleggen,
    reportable_measures,
)
from cases.selectors.measures import (  # noqa: F401
    due_q,
    has_overdue_measures,
    is_overdue,
    measures_due,
    overdue_count,
    overdue_measures,
    overdue_measures_in,
    overdue_q,
    with_overdue,
)
from cases.selectors.meetings import (  # noqa: F401
    agenda_choices,
    agenda_for,
    attending_partners,
    casemanager_choices,
    casemanager_refusal,
    get_meeting_for,
    may_be_casemanager,
    may_see_meetings,
    meeting_parties,
    meetings_for,
    shown_case_count,
    visible_discussions,
)
from cases.selectors.offered import action_refusal, action_refusals  # noqa: F401
from cases.selectors.retention import (  # noqa: F401
    archived_refusal,
    casusoverleg_terms,
    casusoverleg_terms_by_pk,
    describe_terms,
    listed,
    reopening_text,
    reopens_by_agenda,
)
