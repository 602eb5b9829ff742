"""K2, K3: the published index: the pseudonyms of every dossier this installation answers
for, without a name, number or content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pseudonym(models.Model):
    """One pseudonym (`elsewhere.pseudonyms`) of the person of one dossier, kept while the
    dossier exists and its file has a basis; a destroyed dossier's rows leave in the same
    transaction (K3)."""

    class Kind(models.TextChoices):
        BSN = "bsn", _("BSN")
        NAME = "name", _("name and date of birth")
        SURNAME = "surname", _("surname and date of birth")

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    data_file = models.ForeignKey(
        "parties.DataFile", on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("pseudonym"), max_length=64)
    key_id = models.CharField(_("key"), max_length=16)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "dossier_key", "kind"], name="one_pseudonym_per_kind"
            )
        ]
        indexes = [models.Index(fields=["value"], name="elsewhere_pseudonym_value")]

    def __str__(self):
        label = _("Pseudonym")
        return f"{label} #{self.pk}"
