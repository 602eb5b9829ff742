"""The subject's rights across files. A dossier is named by its file's label and key, never by
a foreign key: `rights` does not import the file apps (ARCHITECTURE)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import Party


class DutyToInform(models.Model):
    """The duty to inform the subject (AVG 14), started by the weegploeg's outcome and carried
    out by the kernpartij that brought the signal (CTER 11.1-2, I1). Its handling (postponement,
    letters) is a later issue."""

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    responsible_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible party")
    )
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("duty to inform")
        verbose_name_plural = _("duties to inform")
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "dossier_key", "responsible_party", "started_on"],
                name="one_duty_per_party_and_outcome",
            )
        ]

    def __str__(self):
        label = _("Duty to inform")
        return f"{label} #{self.pk}"
