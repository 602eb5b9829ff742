"""API of the i2o-weegploeg file (W1-W4, W6, W7, P7, S2, U5, C8): signals, assessments,
analyses, decisions, meetings and agenderingen under /api/v1/.

Resources are Dutch plural nouns (`wegingen`, `signalen`, `analyses`, `beslissingen`,
`overleggen`, `agenderingen`), like `partijen`; fields are English in camelCase. An assessment
is found by its dossier number, never by the person's name.

Access follows the pages: every queryset comes from `weegploeg.selectors` (`visible_assessments` for
reads, `keepable_assessments` for the uitvoerder's writes, `meetings_for` for meetings), and every
change goes through `weegploeg.services`. Whoever may not see something gets 404, never 403: a
casuspartij or an external partner gets 404 on every endpoint of this file, even on a list, so it
does not learn that the file exists. Writing about a dossier one may not keep answers 404 as well.
The one 403 is a kernpartij member entering a signal for another party (W1): the party is public,
the dossier is not touched.
"""

from weegploeg.api.decisions import AnalysisViewSet, DecisionViewSet
from weegploeg.api.meetings import CaseTransferViewSet, MeetingViewSet
from weegploeg.api.signals import SignalViewSet
from weegploeg.api.viewsets import AssessmentViewSet

__all__ = [
    "AnalysisViewSet",
    "AssessmentViewSet",
    "CaseTransferViewSet",
    "DecisionViewSet",
    "MeetingViewSet",
    "SignalViewSet",
]
