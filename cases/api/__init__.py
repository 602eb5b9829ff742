"""API of the ICO files of the casusoverleggen (C1, C3, C4, C6, P6, S1, S2, U5) under /api/v1/:
casusoverleggen, cases, measures, case meetings and disclosures.

Resources are Dutch plural nouns (`casusoverleggen`, `casussen`, `maatregelen`, `bijeenkomsten`,
`verstrekkingen`); fields are English in camelCase. A case is found by its number, never by the
subject's name.

Access follows the pages: every queryset comes from `cases.selectors` (`visible_cases` for reads,
`keepable_cases` for the keeper's writes, `meetings_for` and `visible_disclosures`), and every
change goes through the services of `cases`. Whoever may not see something gets 404, never 403; a
service's refusal answers 404 as well. An external partner sees no case at all, only its
disclosures, exactly as disclosed (C6).
"""

from cases.api.disclosures import DisclosureViewSet
from cases.api.measures import MeasureViewSet
from cases.api.meetings import MeetingViewSet
from cases.api.viewsets import CaseViewSet, CasusOverlegViewSet

__all__ = [
    "CaseViewSet",
    "CasusOverlegViewSet",
    "DisclosureViewSet",
    "MeasureViewSet",
    "MeetingViewSet",
]
