"""Closing a case (C5) and the periodic check of its file (C9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import ClosingReason
from cases.models.case import Case
from cases.models.fields import USER, user_fk
from subjects.constants import CheckOutcome
from subjects.models import FREE_TEXT


class Closing(models.Model):
    """C5: the casusoverleg's advice to the driehoek to close, then the decision with its reason
    (VH 20.2) and date. A reopening keeps the record."""

    PERSONAL_DATA_FIELDS = ("advice",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="closings", verbose_name=_("case")
    )
    advice = models.TextField(_("advice to the driehoek"), validators=FREE_TEXT)
    advised_on = models.DateField(_("advised on"))
    reason = models.CharField(_("reason"), max_length=20, choices=ClosingReason.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopening_reason = models.TextField(_("reason for reopening"), blank=True, validators=FREE_TEXT)

    class Meta:
        verbose_name = _("closing")
        verbose_name_plural = _("closings")
        ordering = ["-advised_on", "-pk"]

    def __str__(self):
        label = _("Closing")
        return f"{label} #{self.pk}"


class CaseCheck(models.Model):
    """C9, CTER 10.3: the periodic check of correctness and completeness."""

    PERSONAL_DATA_FIELDS = ("correction",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="checks", verbose_name=_("case")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    correction = models.TextField(_("what was corrected"), blank=True, validators=FREE_TEXT)
    checked_by = user_fk(verbose_name=_("checked by"))
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["-checked_at"]

    def __str__(self):
        label = _("Check")
        return f"{label} #{self.pk}"
