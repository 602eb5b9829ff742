"""The choices of a request's outcomes (R5-R7): beside `rights.constants`, kept apart so that
the outcomes can be built alongside the intake."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    """R6: what is done to one item of a dossier (CTER 12.5-12.6, AVG 16-18)."""

    RECTIFY = "rectify", _("Rectification")
    ERASE = "erase", _("Erasure")
    RESTRICT = "restrict", _("Restriction (afscherming)")


class RectificationReason(models.TextChoices):
    """CTER 12.5 (VH 18.3): why an item is changed."""

    WRONG = "a", _("The data are factually wrong")
    INCOMPLETE = (
        "b",
        _("The data are incomplete or irrelevant for the purpose of the processing"),
    )
    UNLAWFUL = "c", _("The data are otherwise processed against the law")
