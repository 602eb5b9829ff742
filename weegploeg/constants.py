from django.db import models
from django.utils.translation import gettext_lazy as _

from subjects.constants import CheckOutcome

__all__ = [
    "AssessmentStatus",
    "CheckOutcome",
    "Finding",
    "Outcome",
    "WEIGHED_OUTCOMES",
    "DOSSIER_PREFIX",
]


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")


class Outcome(models.TextChoices):
    """The two outcomes of CTER 7.4."""

    AGENDEREN = "agenderen", _("Advise the driehoek to put the subject on the agenda")
    NOT_SUBSTANTIAL = "onvoldoende", _("The signals are not substantial enough")
    # R7: not a weighing of the weegploeg but the end of the processing after an upheld
    # objection (docs/adr/0013-ending-processing-on-objection.md).
    OBJECTION = "verzet", _("Processing ended: objection upheld")


# The outcomes the weegploeg itself reaches (W3, CTER 7.4).
WEIGHED_OUTCOMES = (Outcome.AGENDEREN, Outcome.NOT_SUBSTANTIAL)


class Finding(models.TextChoices):
    MET = "met", _("Applies")
    NOT_MET = "not_met", _("Does not apply")
    UNKNOWN = "unknown", _("Cannot be assessed yet")


DOSSIER_PREFIX = "W"
