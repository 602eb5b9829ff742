"""Casusoverleggen and their ICO files (CTER 9, 10; VH 9, 13-16, 19). Each casusoverleg is data
with a file of its own; nothing here imports the weegploeg (ARCHITECTURE). No `__str__` shows
personal data: cases are named by their number."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.constants import (
    CaseStatus,
    ClosingReason,
    Goal,
    IdentityMethod,
    MeasureStatus,
    RelatedRole,
)
from parties.models import Party, Veiligheidshuis
from subjects.constants import CheckOutcome
from subjects.dates import DATE_OF_BIRTH, OBSERVED_ON, check_observed_after_birth
from subjects.models import FREE_TEXT, NAME_TEXT, PersonData

USER = settings.AUTH_USER_MODEL


def user_fk(**kwargs):
    return models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", **kwargs)


class CasusOverleg(models.Model):
    """A module with its own file, participants, specific covenant, controller and retention
    terms (C11; VH 2, 10, 11)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="casusoverleggen",
        verbose_name=_("Veiligheidshuis"),
    )
    covenant_title = models.CharField(_("specific covenant"), max_length=300)
    covenant_reference = models.CharField(_("covenant reference"), max_length=100)
    covenant_date = models.DateField(_("covenant date"))
    controller = models.CharField(_("controller"), max_length=300)
    participants = models.ManyToManyField(
        Party, related_name="casusoverleggen", verbose_name=_("participating parties")
    )
    chairs = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("chairs"))
    archive_after_years = models.PositiveSmallIntegerField(_("archive after (years)"))
    destroy_after_years = models.PositiveSmallIntegerField(_("destroy after (years)"))

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(destroy_after_years__gt=models.F("archive_after_years")),
                name="destroy_after_archive",
            )
        ]

    def __str__(self):
        return self.name


class Case(PersonData):
    """The ICO dossier of one subject in one casusoverleg (CTER 10.2)."""

    number = models.CharField(_("case number"), max_length=20, unique=True)
    casusoverleg = models.ForeignKey(
        CasusOverleg, on_delete=models.PROTECT, related_name="cases", verbose_name=_("casusoverleg")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    casemanager = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("casemanager"),
    )
    identity_method = models.CharField(
        _("identity established by"), max_length=20, choices=IdentityMethod.choices
    )
    identity_note = models.TextField(_("identity explanation"), blank=True, validators=FREE_TEXT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_processed_at = models.DateTimeField(_("last processed at"), db_index=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-last_processed_at"]

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        if self.identity_method == IdentityMethod.OTHER and not self.identity_note.strip():
            raise ValidationError({"identity_note": _("Explain how the identity was established.")})


class CaseGroupPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseUserPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseParticipant(models.Model):
    """A party or external partner taking part in the case (C1, CTER 9.1)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="participants", verbose_name=_("case")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    since = models.DateTimeField(_("since"), auto_now_add=True)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    advised_by_weegploeg = models.BooleanField(
        default=False, verbose_name=_("advised by the weegploeg")
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party"],
                condition=models.Q(until__isnull=True),
                name="one_active_participation",
            )
        ]

    def __str__(self):
        label = _("Participant")
        return f"{label} #{self.pk}"


class CaseSignal(models.Model):
    """A signal as copied from the weegploeg (W6): a later change there leaves this as it was."""

    PERSONAL_DATA_FIELDS = ("behaviour", "reporter_name", "reporter_contact")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="signals", verbose_name=_("case")
    )
    behaviour = models.TextField(_("behaviour observed"), validators=FREE_TEXT)
    observed_on = models.DateField(_("observed on"), validators=OBSERVED_ON)
    brought_by = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("brought in by")
    )
    reporter_name = models.CharField(
        _("name of the reporter"), max_length=200, validators=NAME_TEXT
    )
    reporter_contact = models.CharField(
        _("contact details of the reporter"), max_length=200, validators=FREE_TEXT
    )

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["observed_on", "pk"]

    def __str__(self):
        label = _("Signal")
        return f"{label} #{self.pk}"

    def clean(self):
        super().clean()
        if self.case_id:
            check_observed_after_birth(self.observed_on, self.case.date_of_birth)


class CaseFinding(models.Model):
    """A part of the weegploeg's analysis, as copied (W6)."""

    PERSONAL_DATA_FIELDS = ("explanation",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="findings", verbose_name=_("case")
    )
    framework_version = models.PositiveIntegerField(_("referentiekader version"))
    criterion = models.CharField(_("criterion"), max_length=250)
    finding = models.CharField(_("finding"), max_length=100)
    explanation = models.TextField(_("explanation"), validators=FREE_TEXT)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        label = _("Finding")
        return f"{label} #{self.pk}"


class Transfer(models.Model):
    """How data came into this file: from the weegploeg (W6) or another casusoverleg (C10),
    by whom, when and what. The source is named by file label and key only."""

    PERSONAL_DATA_FIELDS = ("check_note",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("case")
    )
    source_file = models.CharField(_("from file"), max_length=30)
    source_key = models.CharField(_("from dossier"), max_length=40)
    what = models.JSONField(_("what was copied"), default=list)
    transferred_by = user_fk(verbose_name=_("transferred by"))
    transferred_at = models.DateTimeField(_("transferred at"), auto_now_add=True)
    checked_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    check_note = models.TextField(
        _("check by the receiving controller"), blank=True, validators=FREE_TEXT
    )
    requested_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self):
        label = _("Transfer")
        return f"{label} #{self.pk}"


class CopyOut(models.Model):
    """C10, VH 19 and 20.2b: the copy of this case given, on request, to the casusoverleg where
    the subject moved, after the receiving controller's check. The other case is named by its
    number only: the files keep their own tables."""

    PERSONAL_DATA_FIELDS = ("check_note",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="copies_out", verbose_name=_("case")
    )
    to_casusoverleg = models.ForeignKey(
        CasusOverleg, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    to_case_number = models.CharField(_("case number there"), max_length=20)
    what = models.JSONField(_("what was copied"), default=list)
    requested_by = user_fk(verbose_name=_("requested by"))
    checked_by = user_fk(verbose_name=_("checked by"))
    check_note = models.TextField(_("check by the receiving controller"), validators=FREE_TEXT)
    copied_by = user_fk(verbose_name=_("copied by"))
    copied_at = models.DateTimeField(_("copied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("copy to another casusoverleg")
        verbose_name_plural = _("copies to other casusoverleggen")
        ordering = ["-copied_at", "-pk"]

    def __str__(self):
        label = _("Copy")
        return f"{label} #{self.pk}"


class RelatedPerson(models.Model):
    """Achterblijvers and people of the social network, only as the plan needs them (C2)."""

    PERSONAL_DATA_FIELDS = ("surname", "given_names", "date_of_birth", "address", "reason")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="related_people", verbose_name=_("case")
    )
    role = models.CharField(_("role"), max_length=20, choices=RelatedRole.choices)
    surname = models.CharField(_("surname"), max_length=200, validators=NAME_TEXT)
    given_names = models.CharField(_("given names"), max_length=200, validators=NAME_TEXT)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=DATE_OF_BIRTH
    )
    address = models.CharField(_("address"), max_length=300, blank=True, validators=FREE_TEXT)
    reason = models.TextField(_("why the plan needs this person"), validators=FREE_TEXT)

    class Meta:
        verbose_name = _("related person")
        verbose_name_plural = _("related people")

    def __str__(self):
        label = _("Related person")
        return f"{label} #{self.pk}"


class PlanGoal(models.Model):
    """A goal of the plan of approach (C3, CTER 3a-f)."""

    PERSONAL_DATA_FIELDS = ("goal",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="goals", verbose_name=_("case")
    )
    goal = models.CharField(_("goal"), max_length=20, choices=Goal.choices)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["case", "goal"], name="goal_once")]

    def __str__(self):
        label = _("Goal")
        return f"{label} #{self.pk}"


class Measure(models.Model):
    """A measure of the plan, owned by a party or partner, with a deadline (C3, CTER 9.3)."""

    PERSONAL_DATA_FIELDS = ("description",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="measures", verbose_name=_("case")
    )
    description = models.TextField(_("measure"), validators=FREE_TEXT)
    owner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    created_by = user_fk(verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["deadline", "pk"]

    def __str__(self):
        label = _("Measure")
        return f"{label} #{self.pk}"


class ProgressNote(models.Model):
    """Progress of the plan (CTER 9.4)."""

    PERSONAL_DATA_FIELDS = ("text",)

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("case")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("measure"),
    )
    text = models.TextField(_("progress"), validators=FREE_TEXT)
    written_by = user_fk(verbose_name=_("written by"))
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-written_at"]

    def __str__(self):
        label = _("Progress note")
        return f"{label} #{self.pk}"


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


class CaseMeeting(models.Model):
    """C4: a case meeting with a date, a chair, the attendees per party and an agenda."""

    casusoverleg = models.ForeignKey(
        CasusOverleg,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("casusoverleg"),
    )
    held_on = models.DateField(_("date"))
    chair = user_fk(verbose_name=_("chair"))
    attendees = models.ManyToManyField(Party, related_name="+", verbose_name=_("attendees"))
    approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")
        ordering = ["-held_on"]

    def __str__(self):
        label = _("Case meeting")
        return f"{label} {self.held_on.isoformat()}"


class Discussion(models.Model):
    """A case on the agenda, and what its discussion ended with (VH 14.9-10)."""

    PERSONAL_DATA_FIELDS = ("minutes", "approach", "informing")

    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.CASCADE, related_name="discussions", verbose_name=_("meeting")
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="discussions", verbose_name=_("case")
    )
    minutes = models.TextField(_("minutes"), blank=True, validators=FREE_TEXT)
    approach = models.TextField(
        _("how the approach is carried out"), blank=True, validators=FREE_TEXT
    )
    casemanager = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("casemanager"),
    )
    informing = models.TextField(_("how the subject is informed"), blank=True, validators=FREE_TEXT)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="case_once_per_meeting")
        ]

    def __str__(self):
        label = _("Discussion")
        return f"{label} #{self.pk}"


class Disclosure(models.Model):
    """Data given to an external partner (C6, CTER 10.5): which parts, as they were then, the
    necessity, the kinds of data, the provider's permission, and for criminal-law data the
    officier van justitie's consent (VH 6)."""

    PERSONAL_DATA_FIELDS = ("snapshot", "necessity")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="disclosures", verbose_name=_("case")
    )
    partner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("external partner")
    )
    parts = models.JSONField(_("parts disclosed"), default=list)
    snapshot = models.JSONField(_("data as disclosed"), default=dict)
    necessity = models.TextField(_("necessity"), validators=FREE_TEXT)
    categories = models.JSONField(_("kinds of data"), default=list)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider of the data")
    )
    provider_permission = models.CharField(
        _("permission of the provider"), max_length=300, validators=FREE_TEXT
    )
    prosecutor_consent = models.CharField(
        _("consent of the officier van justitie"), max_length=300, blank=True, validators=FREE_TEXT
    )
    disclosed_by = user_fk(verbose_name=_("disclosed by"))
    disclosed_at = models.DateTimeField(_("disclosed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_at"]

    def __str__(self):
        label = _("Disclosure")
        return f"{label} #{self.pk}"


class Export(models.Model):
    """A download or export of case data, with the provider's permission (C7, CTER 8.6)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="exports", verbose_name=_("case")
    )
    exported_by = user_fk(verbose_name=_("exported by"))
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider of the data")
    )
    provider_permission = models.CharField(
        _("permission of the provider"), max_length=300, validators=FREE_TEXT
    )

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        label = _("Export")
        return f"{label} #{self.pk}"
