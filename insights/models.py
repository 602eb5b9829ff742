"""The summary of management information (U6, issue 13, ADR 0028): the figures of every file
and Veiligheidshuis per month, worked out by a job (`insights.summary.recompute`) so the page
reads a few hundred small rows instead of counting whole tables on every view.

No key back to a person: a row is a number per file (or Veiligheidshuis), month, kind and
reason, like `retention.StatisticsCount`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureSummary(models.Model):
    """One count: `figure` with `reason` in `month` (its first day), of the file `data_file`
    (the registry's figures, the kept ones of destroyed dossiers, archiving and destruction)
    or, for what is kept per Veiligheidshuis only (requests of data subjects, data breaches),
    of `veiligheidshuis`."""

    data_file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    veiligheidshuis = models.ForeignKey(
        "parties.Veiligheidshuis",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Veiligheidshuis"),
    )
    month = models.DateField(_("month"))
    figure = models.CharField(_("figure"), max_length=30)
    reason = models.CharField(_("reason"), max_length=30, blank=True, default="")
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("summarised figure")
        verbose_name_plural = _("summarised figures")
        indexes = [
            models.Index(fields=["data_file", "month"], name="insights_summary_file_month"),
            models.Index(fields=["veiligheidshuis", "month"], name="insights_summary_vh_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(data_file__isnull=True) ^ models.Q(veiligheidshuis__isnull=True),
                name="insights_summary_of_a_file_or_a_region",
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.reason} {self.month:%Y-%m}"


class SummaryRun(models.Model):
    """When the summary was last worked out (one row, pk 1): what the page says under its
    figures ("Bijgewerkt op ..."). No row: never worked out yet."""

    computed_at = models.DateTimeField(_("worked out at"))
    seconds = models.FloatField(_("seconds taken"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        verbose_name = _("summary run")
        verbose_name_plural = _("summary runs")

    def __str__(self) -> str:
        return f"summary {self.computed_at:%Y-%m-%d %H:%M}"
