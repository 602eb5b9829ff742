"""The casusoverleg: a module with its own file (C11; VH 2, 10, 11)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.fields import USER
from parties.models import Party, Veiligheidshuis


class CasusOverleg(models.Model):
    """A module with its own file, participants, specific covenant, controller and retention
    terms (C11; VH 2, 10, 11). Its terms are those of its ICO file
    (`retention.terms.terms_for(cases.permissions.file_of(casusoverleg))`)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="casusoverleggen",
        verbose_name=_("Veiligheidshuis"),
    )
    covenant_title = models.CharField(_("specific covenant"), max_length=300)
    covenant_reference = models.CharField(_("covenant reference"), max_length=100)
    covenant_date = models.DateField(_("covenant date"))
    controller = models.CharField(_("controller"), max_length=300)
    participants = models.ManyToManyField(
        Party, related_name="casusoverleggen", verbose_name=_("participating parties")
    )
    chairs = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("chairs"))

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["name"]

    def __str__(self):
        return self.name
