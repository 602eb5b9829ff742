"""What of a dossier went to an ICO file (CTER 8.5, W6)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weegploeg.models.assessment import Assessment


class CaseTransfer(models.Model):
    """W6, CTER 8.5: what of this dossier went to an ICO file as a copy, by whom and when. The
    case is named by its casusoverleg and number only: no key into the other file's tables."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="case_transfers",
        verbose_name=_("assessment"),
    )
    casusoverleg_name = models.CharField(_("casusoverleg"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=20)
    what = models.JSONField(_("what was copied"), default=dict)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("transferred by"),
    )
    transferred_at = models.DateTimeField(_("transferred at"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer to a case")
        verbose_name_plural = _("transfers to cases")
        ordering = ["-transferred_at", "-pk"]
        indexes = [
            # Issue 13: the API's list, newest first, read in its order until a page of the
            # reader's is full, not every visible transfer sorted (30,000 at national scale).
            models.Index(fields=["transferred_at", "id"], name="transfer_list_order"),
        ]

    def __str__(self):
        label = _("Transfer to a case")
        return f"{label} #{self.pk}"
