from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckOutcome(models.TextChoices):
    """The periodic check of a file's correctness and completeness (CTER 8.3, 10.3)."""

    CORRECT = "correct", _("Correct and complete")
    CORRECTED = "corrected", _("Corrected")
