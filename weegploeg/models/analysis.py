"""The analysis against the referentiekader, what was gathered for it, and the decision (CTER
7.4-7.5, 8.2d-e; W2, W3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import Party
from subjects.models import FREE_TEXT, NAME_TEXT
from subjects.restriction import UnrestrictedManager
from weegploeg.constants import Finding, Outcome
from weegploeg.models.assessment import Assessment
from weegploeg.models.framework import Criterion, FrameworkVersion


class Analysis(models.Model):
    """The weegploeg's analysis of the signals against one version of the referentiekader
    (CTER 8.2d, W2)."""

    PERSONAL_DATA_FIELDS = ("summary",)

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("assessment")
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("framework version"),
    )
    summary = models.TextField(_("summary"), blank=True, validators=FREE_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        indexes = [
            # Issue 13: the API's list of analyses in its order (newest first, read backwards),
            # read until a page is full of the ones the user sees (as `signal_list_order`).
            models.Index(fields=["recorded_at", "id"], name="analysis_list_order"),
        ]

    def __str__(self):
        label = _("Analysis")
        return f"{label} #{self.pk}"


class CriterionFinding(models.Model):
    PERSONAL_DATA_FIELDS = ("explanation",)

    analysis = models.ForeignKey(
        Analysis, on_delete=models.CASCADE, related_name="findings", verbose_name=_("analysis")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    finding = models.CharField(_("finding"), max_length=20, choices=Finding.choices)
    explanation = models.TextField(_("explanation"), validators=FREE_TEXT)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        # In the referentiekader's order (W2), on the page and in the API alike, however the
        # findings were recorded.
        ordering = ["criterion__order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "criterion"], name="one_finding_per_criterion"
            )
        ]

    def __str__(self):
        label = _("Finding")
        return f"{label} #{self.pk}"


class AdditionalInformation(models.Model):
    """Information gathered for the analysis: from which party, when (CTER 7.4, 8.2d)."""

    PERSONAL_DATA_FIELDS = ("content",)

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="additional_information",
        verbose_name=_("assessment"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    gathered_on = models.DateField(_("gathered on"))
    content = models.TextField(_("information"), validators=FREE_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

    class Meta:
        verbose_name = _("additional information")
        verbose_name_plural = _("additional information")

    def __str__(self):
        label = _("Additional information")
        return f"{label} #{self.pk}"


class ExpertAdvice(models.Model):
    """Advice asked of the NCTV or another expert (CTER 7.5)."""

    PERSONAL_DATA_FIELDS = ("question", "advice")

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="expert_advice",
        verbose_name=_("assessment"),
    )
    adviser = models.CharField(_("adviser"), max_length=200, validators=NAME_TEXT)
    asked_on = models.DateField(_("asked on"))
    question = models.TextField(_("question"), validators=FREE_TEXT)
    advice = models.TextField(_("advice"), blank=True, validators=FREE_TEXT)

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

    class Meta:
        verbose_name = _("expert advice")
        verbose_name_plural = _("expert advice")

    def __str__(self):
        label = _("Expert advice")
        return f"{label} #{self.pk}"


class Decision(models.Model):
    """One of the two outcomes of CTER 7.4, with reasons (W3, 8.2e). A reopening keeps the old
    decision; the current one is the latest."""

    PERSONAL_DATA_FIELDS = ("reasons", "advice_to_driehoek")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("assessment")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), validators=FREE_TEXT)
    advice_to_driehoek = models.TextField(
        _("advice to the driehoek"), blank=True, validators=FREE_TEXT
    )
    advised_parties = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("casuspartijen and external partners")
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopening_reason = models.TextField(_("reason for reopening"), blank=True, validators=FREE_TEXT)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [
            # Issue 13: the API's list of decisions in this order (as `analysis_list_order`).
            models.Index(fields=["decided_at", "id"], name="decision_list_order"),
        ]

    def __str__(self):
        label = _("Decision")
        return f"{label} #{self.pk}"
