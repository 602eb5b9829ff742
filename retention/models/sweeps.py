"""A run of the retention sweep (a batch) and the sweep's own row per dossier it is working
on or failed on: the row a worker locks (`select_for_update(skip_locked=True)`), so two
workers never take the same dossier (O3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retention.constants import Action, Trigger


class SweepRun(models.Model):
    as_of = models.DateField(_("as of"))
    trigger = models.CharField(_("started"), max_length=20, choices=Trigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    archived = models.PositiveIntegerField(_("archived"), default=0)
    destroyed = models.PositiveIntegerField(_("destroyed"), default=0)
    held = models.PositiveIntegerField(_("held"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        verbose_name = _("retention sweep")
        verbose_name_plural = _("retention sweeps")
        ordering = ["-started_at"]

    def __str__(self):
        label = _("Sweep")
        return f"{label} #{self.pk} {self.as_of.isoformat()}"


class DossierSweepState(models.Model):
    """A dossier a sweep is due to act on: locked while a worker acts on it; a failure stays
    here (with its reason, no personal data) until a later run succeeds."""

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    failure = models.CharField(_("reason of the failure"), max_length=500, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    run = models.ForeignKey(
        SweepRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sweep"),
    )

    class Meta:
        verbose_name = _("dossier in a sweep")
        verbose_name_plural = _("dossiers in a sweep")
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "dossier_key"], name="one_sweep_state_per_dossier"
            )
        ]

    def __str__(self):
        return self.dossier_key
