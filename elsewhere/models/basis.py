"""K1: the legal basis for "bekend elders?" that a file's specific covenant records (VH 19)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckBasis(models.Model):
    """The basis and its reference in the covenant of one file (the weegploeg of a
    Veiligheidshuis, or the ICO file of a casusoverleg; ADR 0025). Without one, the file's
    uitvoerder is not offered the check and its dossiers are not published to the index."""

    data_file = models.OneToOneField(
        "parties.DataFile",
        on_delete=models.PROTECT,
        related_name="elsewhere_basis",
        verbose_name=_("file"),
    )
    basis = models.TextField(_("legal basis"))
    reference = models.CharField(_("reference in the covenant"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("legal basis for the check")
        verbose_name_plural = _("legal bases for the check")

    def __str__(self):
        label = _("Legal basis")
        return f"{label} #{self.pk}"
