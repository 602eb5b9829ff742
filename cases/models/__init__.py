"""Casusoverleggen and their ICO files (CTER 9, 10; VH 9, 13-16, 19). Each casusoverleg is data
with a file of its own; nothing here imports the weegploeg (ARCHITECTURE). No `__str__` shows
personal data: cases are named by their number.

One module per area; every model is imported here, in the order it was declared, so
`from cases.models import Case` and Django's app loading see them all."""

# isort: off
# In declaration order: Django registers the models, and orders their reverse relations, as
# they are imported.
from cases.models.casusoverleg import CasusOverleg
from cases.models.case import (
    Case,
    CaseFinding,
    CaseGroupPermission,
    CaseParticipant,
    CaseSignal,
    CopyOut,
    Transfer,
)
from cases.models.plan import Measure, PlanGoal, ProgressNote, RelatedPerson
from cases.models.closing import CaseCheck, Closing
from cases.models.meetings import CaseMeeting, CaseMeetingSight, Discussion
from cases.models.disclosures import Disclosure, Export

# isort: on

__all__ = [
    "CasusOverleg",
    "Case",
    "CaseGroupPermission",
    "CaseParticipant",
    "CaseSignal",
    "CaseFinding",
    "Transfer",
    "CopyOut",
    "RelatedPerson",
    "PlanGoal",
    "Measure",
    "ProgressNote",
    "Closing",
    "CaseCheck",
    "CaseMeeting",
    "Discussion",
    "CaseMeetingSight",
    "Disclosure",
    "Export",
]
