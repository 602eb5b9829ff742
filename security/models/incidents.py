"""The incident and data-breach register (S3, CTER 15.1g, AVG 33.5): every suspected incident
reported, its assessment (security incident or data breach), what happened and to which data,
the decisions whether to notify the Autoriteit Persoonsgegevens (AVG 33) and to inform the people
concerned (AVG 34) with their reasons, the notification itself, the follow-up and the closing.
Kept by the FG; every change is logged by auditlog (`security/apps.py`). The number names no
person (INC-2026-0001), and so does `__str__`.

`ClockNotice` records each warning and alarm of the 72-hour clock (`security.services.
breach_clock`), one per incident and stage, so that no run sends one twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.models import DataFile, Veiligheidshuis
from subjects.models import FREE_TEXT


class IncidentKind(models.TextChoices):
    # Not yet assessed: a reported suspicion. The clock runs (see breach_clock).
    SECURITY_INCIDENT = "security_incident", _("Security incident (no data breach)")
    DATA_BREACH = "data_breach", _("Data breach")


class Nature(models.TextChoices):
    """What happened to the data (the AP's notification form asks the same)."""

    READ = "read", _("Read")
    COPIED = "copied", _("Copied")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted or destroyed")
    LOST = "lost", _("Lost")
    STOLEN = "stolen", _("Stolen")


class ApDecision(models.TextChoices):
    NOTIFY = "notify", _("Must be notified to the Autoriteit Persoonsgegevens")
    NOT_NOTIFY = "not_notify", _("Need not be notified to the Autoriteit Persoonsgegevens")


class SubjectsDecision(models.TextChoices):
    INFORM = "inform", _("The people concerned must be told")
    NOT_INFORM = "not_inform", _("The people concerned need not be told")


def _user(verbose_name, *, null=False):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=null,
        blank=null,
        related_name="+",
        verbose_name=verbose_name,
    )


def _text(verbose_name, **kwargs):
    return models.TextField(verbose_name, blank=True, validators=FREE_TEXT, **kwargs)


class Incident(models.Model):
    """One reported incident and, once assessed, its entry in the register."""

    # What happened and what it touched may describe people; the contact is the FG's.
    PERSONAL_DATA_FIELDS = (
        "what_happened",
        "affected",
        "data_kinds",
        "consequences",
        "measures_before",
        "measures_after",
        "ap_reasons",
        "subjects_reasons",
        "late_reasons",
        "follow_up",
        "contact",
    )

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("Veiligheidshuis"),
    )
    # The report
    reported_by = _user(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    what_happened = models.TextField(_("what happened"), validators=FREE_TEXT)
    discovered_at = models.DateTimeField(_("discovered at"))
    affected = _text(_("what may be affected"))
    # The assessment (AVG 33.3 and 33.5)
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices, blank=True)
    occurred = models.CharField(
        _("when it happened (date or period)"), max_length=200, blank=True, validators=FREE_TEXT
    )
    nature = models.JSONField(_("nature"), default=list, blank=True)  # Nature values
    data_kinds = _text(_("kinds of personal data"))
    special_categories = models.BooleanField(
        _("special categories of personal data"), default=False
    )
    criminal_data = models.BooleanField(_("criminal-law data"), default=False)
    people_count = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    people_estimated = models.BooleanField(_("the number of people is an estimate"), default=False)
    records_count = models.PositiveIntegerField(_("number of records"), null=True, blank=True)
    records_estimated = models.BooleanField(
        _("the number of records is an estimate"), default=False
    )
    files = models.ManyToManyField(
        DataFile, blank=True, related_name="+", verbose_name=_("files and casusoverleggen")
    )
    measures_before = _text(_("measures taken before (encryption, for example)"))
    measures_after = _text(_("measures taken after"))
    consequences = _text(_("likely consequences"))
    cross_border = models.BooleanField(_("people in other EU countries concerned"), default=False)
    contact = _text(_("contact for the Autoriteit Persoonsgegevens"))
    ap_decision = models.CharField(
        _("notify the Autoriteit Persoonsgegevens"),
        max_length=20,
        choices=ApDecision.choices,
        blank=True,
    )
    ap_reasons = _text(_("reasons (Autoriteit Persoonsgegevens)"))
    subjects_decision = models.CharField(
        _("tell the people concerned (AVG 34)"),
        max_length=20,
        choices=SubjectsDecision.choices,
        blank=True,
    )
    subjects_reasons = _text(_("reasons (people concerned)"))
    subjects_informed_on = models.DateField(_("people told on"), null=True, blank=True)
    # The notification to the AP (AVG 33.1)
    notified_at = models.DateTimeField(_("notified to the AP at"), null=True, blank=True)
    notification_reference = models.CharField(
        _("reference of the notification"), max_length=100, blank=True
    )
    late_reasons = _text(_("reasons for the delay"))
    decided_at = models.DateTimeField(
        _("decision not to notify recorded at"), null=True, blank=True
    )
    # Follow-up and closing
    follow_up = _text(_("follow-up"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = _user(_("closed by"), null=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-discovered_at", "-pk"]

    def __str__(self):
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_assessed(self) -> bool:
        return bool(self.kind)

    def nature_labels(self) -> list[str]:
        labels = dict(Nature.choices)
        return [str(labels.get(value, value)) for value in self.nature]


class ClockStage(models.TextChoices):
    """The warnings and the alarm of the 72-hour clock, in the order they fall due."""

    LEFT_48 = "left_48", _("48 hours left")
    LEFT_24 = "left_24", _("24 hours left")
    LEFT_12 = "left_12", _("12 hours left")
    ALARM = "alarm", _("Deadline passed")


class ClockNotice(models.Model):
    """A warning or alarm of one incident's clock: sent (with how many mails), or skipped
    because a later stage was already due when a run caught up after downtime."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="notices", verbose_name=_("incident")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ClockStage.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    skipped = models.BooleanField(_("skipped"), default=False)
    mails = models.PositiveIntegerField(_("mails sent"), default=0)

    class Meta:
        verbose_name = _("clock notice")
        verbose_name_plural = _("clock notices")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "stage"], name="one_notice_per_stage")
        ]

    def __str__(self):
        return f"{self.incident.number} {self.stage}"
