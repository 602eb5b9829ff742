"""What remains of a destroyed dossier (B8): its destruction record, without personal data;
and the anonymised monthly figures the management information keeps (B7, VH 20.4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retention.constants import Rule
from retention.models.sweeps import SweepRun


class DestructionRecord(models.Model):
    """Proof of one destruction: which dossier (file, number, casusoverleg), the rule, the
    dates, the rows deleted per kind, the batch, who or what ran it. No personal data."""

    run = models.ForeignKey(
        SweepRun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destructions",
        verbose_name=_("sweep"),
    )
    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    data_file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )  # whose keepers see the record (P8)
    file_name = models.CharField(_("file name"), max_length=300, blank=True)
    casusoverleg = models.CharField(_("casusoverleg"), max_length=200, blank=True)
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    last_processed_on = models.DateField(_("last processed on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), auto_now_add=True)
    counts = models.JSONField(_("rows destroyed per kind"), default=dict)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destroyed by"),
    )  # None: the scheduled sweep

    class Meta:
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")
        ordering = ["-destroyed_at"]
        indexes = [
            models.Index(fields=["file_label", "dossier_key"], name="destruction_dossier"),
        ]

    def __str__(self):
        label = _("Destruction")
        return f"{label} {self.dossier_key}"


class StatisticsCount(models.Model):
    """One anonymised monthly figure of a file (B7, U6): a `subjects.registry.Figure` of the
    dossiers destroyed (opened, signals, decisions, closed, measures...) and whether they were
    archived on time, added to before a dossier is destroyed. No key back to a person."""

    file_label = models.CharField(_("file"), max_length=30)
    data_file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )  # the file the figure is of (U6): the region and casusoverleg it is shown for
    file_name = models.CharField(_("file name"), max_length=300)
    month = models.DateField(_("month"))  # the first day of the month
    figure = models.CharField(_("figure"), max_length=30)  # a registry figure, "archived"
    reason = models.CharField(_("reason"), max_length=30, blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("statistics figure")
        verbose_name_plural = _("statistics figures")
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "data_file", "file_name", "month", "figure", "reason"],
                name="one_statistics_count",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.file_name} {self.month:%Y-%m} {self.figure}"
