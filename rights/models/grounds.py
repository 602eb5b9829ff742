"""The grounds to postpone informing or to refuse or limit access (AVG 23, UAVG 41): a
maintained choice list, seeded by a migration; a ground no longer used is retired, not deleted,
because the postponements and refusals that cite it stay."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalGround(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("ground"), max_length=300)
    article = models.CharField(_("article"), max_length=100)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("legal ground")
        verbose_name_plural = _("legal grounds")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.article}: {self.label}"
