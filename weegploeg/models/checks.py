"""The periodic check of a dossier (CTER 8.3, W5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from subjects.models import FREE_TEXT
from weegploeg.constants import CheckOutcome
from weegploeg.models.assessment import Assessment


class Check(models.Model):
    """A periodic check of correctness and completeness (CTER 8.3, W5)."""

    PERSONAL_DATA_FIELDS = ("correction",)

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="checks", verbose_name=_("assessment")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    correction = models.TextField(_("what was corrected"), blank=True, validators=FREE_TEXT)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["-checked_at"]

    def __str__(self):
        label = _("Check")
        return f"{label} #{self.pk}"
