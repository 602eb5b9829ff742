"""The yearly evaluation of the security policy (S5, CTER 15.2), per Veiligheidshuis, and the
reminders sent about it (once per stage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyEvaluation(models.Model):
    # Findings and measures are free text: they may name a person.
    PERSONAL_DATA_FIELDS = ("findings", "measures")

    veiligheidshuis = models.ForeignKey(
        "parties.Veiligheidshuis",
        on_delete=models.PROTECT,
        related_name="policy_evaluations",
        verbose_name=_("Veiligheidshuis"),
    )
    evaluated_on = models.DateField(_("evaluated on"))
    evaluated_by = models.ForeignKey(
        "parties.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    findings = models.TextField(_("findings"))
    measures = models.TextField(_("measures"), blank=True)
    next_on = models.DateField(_("next evaluation on"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy evaluation")
        verbose_name_plural = _("policy evaluations")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self):
        label = _("Policy evaluation")
        return f"{label} #{self.pk}"


class PolicyReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class PolicyReminder(models.Model):
    """A reminder sent: one per Veiligheidshuis, evaluation it follows (none: never evaluated)
    and stage, so a second run sends nothing again."""

    veiligheidshuis = models.ForeignKey(
        "parties.Veiligheidshuis",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Veiligheidshuis"),
    )
    evaluation = models.ForeignKey(
        PolicyEvaluation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("policy evaluation"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=PolicyReminderStage.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy reminder")
        verbose_name_plural = _("policy reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["veiligheidshuis", "evaluation", "stage"],
                name="one_policy_reminder_per_stage",
            ),
            models.UniqueConstraint(
                fields=["veiligheidshuis", "stage"],
                condition=models.Q(evaluation__isnull=True),
                name="one_policy_reminder_per_stage_unevaluated",
            ),
        ]

    def __str__(self):
        label = _("Policy reminder")
        return f"{label} #{self.pk}"
