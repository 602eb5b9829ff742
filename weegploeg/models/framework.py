"""The referentiekader and its criteria (CTER 1i, W2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkVersion(models.Model):
    """A version of the referentiekader (CTER 1i, W2). Published versions never change, so an
    old analysis keeps the criteria it was made with."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    note = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referentiekader version")
        verbose_name_plural = _("referentiekader versions")
        ordering = ["-number"]

    def __str__(self):
        label = _("Referentiekader")
        return f"{label} v{self.number}"


class Criterion(models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="criteria",
        verbose_name=_("framework version"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="one_code_per_version")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
