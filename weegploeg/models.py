"""The i2o-weegploeg file (CTER 7, 8): kept apart from every ICO file (W4, CTER 8.1).

No model shows personal data in `__str__`: dossiers are named by their number.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from parties.models import Party, Veiligheidshuis
from subjects.dates import OBSERVED_ON, check_observed_after_birth
from subjects.models import FREE_TEXT, NAME_TEXT, PersonData
from weegploeg.constants import AssessmentStatus, CheckOutcome, Finding, Outcome


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


class Assessment(PersonData):
    """The dossier of one person in the weegploeg file: the signals about that person, the
    analysis and the decision (CTER 8.2)."""

    number = models.CharField(_("dossier number"), max_length=20, unique=True)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("Veiligheidshuis"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_processed_at = models.DateTimeField(_("last processed at"), db_index=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-last_processed_at"]
        permissions = [
            ("enter_signal", _("Enter signals")),
            ("keep_file", _("Keep the weegploeg file (uitvoerder)")),
        ]

    def __str__(self):
        return self.number

    @property
    def is_decided(self) -> bool:
        return self.status == AssessmentStatus.DECIDED


class AssessmentGroupPermission(GroupObjectPermissionBase):
    """Direct foreign-key permissions (django-guardian): fast, and gone with the dossier."""

    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)


class AssessmentUserPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)


class Signal(models.Model):
    """A factual behaviour that may indicate radicalisation, extremism or terrorism (CTER 1j),
    brought in by a kernpartij (7.1, W1)."""

    PERSONAL_DATA_FIELDS = ("behaviour", "reporter_name", "reporter_contact")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="signals", verbose_name=_("assessment")
    )
    behaviour = models.TextField(_("behaviour observed"), validators=FREE_TEXT)
    observed_on = models.DateField(_("observed on"), validators=OBSERVED_ON)
    reporter_name = models.CharField(
        _("name of the reporter"), max_length=200, validators=NAME_TEXT
    )
    reporter_contact = models.CharField(
        _("contact details of the reporter"), max_length=200, validators=FREE_TEXT
    )
    brought_by = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("brought in by")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["observed_on", "pk"]

    def __str__(self):
        label = _("Signal")
        return f"{label} #{self.pk}"

    def clean(self):
        super().clean()
        if self.assessment_id:
            check_observed_after_birth(self.observed_on, self.assessment.date_of_birth)


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

    def __str__(self):
        label = _("Decision")
        return f"{label} #{self.pk}"


class Meeting(models.Model):
    """A session of the weegploeg (W7)."""

    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Veiligheidshuis"),
    )
    held_on = models.DateField(_("date"))
    present = models.ManyToManyField(
        Party, related_name="+", verbose_name=_("kernpartijen present")
    )
    assessments = models.ManyToManyField(
        Assessment, through="AgendaItem", related_name="meetings", verbose_name=_("assessments")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("weegploeg meeting")
        verbose_name_plural = _("weegploeg meetings")
        ordering = ["-held_on"]

    def __str__(self):
        label = _("Weegploeg meeting")
        return f"{label} {self.held_on.isoformat()}"


class AgendaItem(models.Model):
    PERSONAL_DATA_FIELDS = ("discussion",)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("assessment"),
    )
    discussion = models.TextField(
        _("what was discussed and decided"), blank=True, validators=FREE_TEXT
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "assessment"], name="once_per_meeting")
        ]

    def __str__(self):
        label = _("Agenda item")
        return f"{label} #{self.pk}"


class Check(models.Model):
    """A periodic check of correctness and completeness (CTER 8.3, W5)."""

    PERSONAL_DATA_FIELDS = ("correction",)

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="checks", verbose_name=_("assessment")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    correction = models.TextField(_("what was corrected"), blank=True, validators=FREE_TEXT)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["-checked_at"]

    def __str__(self):
        label = _("Check")
        return f"{label} #{self.pk}"


class CaseTransfer(models.Model):
    """W6, CTER 8.5: what of this dossier went to an ICO file as a copy, by whom and when. The
    case is named by its casusoverleg and number only: no key into the other file's tables."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="case_transfers",
        verbose_name=_("assessment"),
    )
    casusoverleg_name = models.CharField(_("casusoverleg"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=20)
    what = models.JSONField(_("what was copied"), default=dict)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("transferred by"),
    )
    transferred_at = models.DateTimeField(_("transferred at"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer to a case")
        verbose_name_plural = _("transfers to cases")
        ordering = ["-transferred_at", "-pk"]

    def __str__(self):
        label = _("Transfer to a case")
        return f"{label} #{self.pk}"
