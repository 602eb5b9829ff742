"""Holds (VH 20.2, B6) and reactivations (B5, CTER 13.3): recorded decisions about one dossier,
named by its file label and key (the registry's `DossierRef`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retention.constants import ReactivatedBy
from subjects.models import FREE_TEXT


def _user(verbose_name, *, null=False):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=null,
        blank=null,
        related_name="+",
        verbose_name=verbose_name,
    )


class Hold(models.Model):
    """A dossier kept longer than its term, with its reasons and the controller's decision,
    until a date (VH 20.2: "onder vermelding van de redenen"). A held dossier is neither archived
    nor destroyed by a sweep; the hold ends on its date or earlier by hand."""

    PERSONAL_DATA_FIELDS = ("reasons", "controller_decision")

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    reasons = models.TextField(_("reasons"), validators=FREE_TEXT)
    controller_decision = models.TextField(_("decision of the controller"), validators=FREE_TEXT)
    until = models.DateField(_("held until"))
    recorded_by = _user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = _user(_("ended by"), null=True)  # None: its date passed (a sweep ended it)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["file_label", "dossier_key"], name="hold_dossier")]

    def __str__(self):
        label = _("Hold")
        return f"{label} {self.dossier_key}"


class Reactivation(models.Model):
    """An archived dossier made available again (B5): on the controller's instruction, recorded
    with who instructed it and why, or by putting the subject on the agenda again (VH 20.1)."""

    PERSONAL_DATA_FIELDS = ("reason",)

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    via = models.CharField(_("reactivated"), max_length=30, choices=ReactivatedBy.choices)
    instructed_by = models.CharField(_("instructed by (controller)"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True, validators=FREE_TEXT)
    recorded_by = _user(_("recorded by"), null=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reactivation")
        verbose_name_plural = _("reactivations")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["file_label", "dossier_key"], name="reactivation_dossier")]

    def __str__(self):
        label = _("Reactivation")
        return f"{label} {self.dossier_key}"
