"""The access-log review (S2, CTER 15.1e): the searches made in the log, themselves logged, and
the review of each period signed off per Veiligheidshuis with its findings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LogSearch(models.Model):
    """One search in the access log: who searched, when, and with which filters. The filters
    name users, parties and files by their keys and a dossier by its number: nothing of a
    person beyond that number."""

    # A dossier number points at a person: the filters are treated as personal data.
    PERSONAL_DATA_FIELDS = ("filters",)

    searched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("searched by"),
    )
    searched_at = models.DateTimeField(_("searched at"), auto_now_add=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("search in the access log")
        verbose_name_plural = _("searches in the access log")
        ordering = ["-searched_at", "-pk"]

    def __str__(self):
        return f"#{self.pk}"


class AccessReview(models.Model):
    """The review of the access log of one Veiligheidshuis over one period: signed off with its
    findings. The row exists once the period is due (the reminder makes it) or signed off;
    `reminded_at` records the last reminder, so beat sends at most one a week."""

    PERSONAL_DATA_FIELDS = ("findings",)

    veiligheidshuis = models.ForeignKey(
        "parties.Veiligheidshuis",
        on_delete=models.PROTECT,
        related_name="access_reviews",
        verbose_name=_("Veiligheidshuis"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    findings = models.TextField(_("findings"), blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminders = models.PositiveIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("access-log review")
        verbose_name_plural = _("access-log reviews")
        ordering = ["-period_start", "veiligheidshuis__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["veiligheidshuis", "period_start"], name="one_access_review_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="access_review_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.period_start:%Y-%m-%d}/{self.period_end:%Y-%m-%d}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None
