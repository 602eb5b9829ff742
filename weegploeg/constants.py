from django.db import models
from django.utils.translation import gettext_lazy as _

from subjects.constants import CheckOutcome

__all__ = ["AssessmentStatus", "CheckOutcome", "Finding", "Outcome", "DOSSIER_PREFIX"]


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")


class Outcome(models.TextChoices):
    """The two outcomes of CTER 7.4."""

    AGENDEREN = "agenderen", _("Advise the driehoek to put the subject on the agenda")
    NOT_SUBSTANTIAL = "onvoldoende", _("The signals are not substantial enough")


class Finding(models.TextChoices):
    MET = "met", _("Applies")
    NOT_MET = "not_met", _("Does not apply")
    UNKNOWN = "unknown", _("Cannot be assessed yet")


DOSSIER_PREFIX = "W"
