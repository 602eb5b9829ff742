"""The case (the ICO dossier of one subject), its participants and what was copied into it
or out of it (CTER 9.1, 10.2; W6, C1, C10)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case as DbCase
from django.db.models import F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase

from cases.constants import CASE_PREFIX, CaseStatus, IdentityMethod
from cases.models.casusoverleg import CasusOverleg
from cases.models.fields import USER, user_fk
from parties.models import Party
from subjects.dates import OBSERVED_ON, check_observed_after_birth
from subjects.models import FREE_TEXT, NAME_TEXT, PersonData
from subjects.numbering import order_field
from subjects.restriction import UnrestrictedManager

# The next deadline of a case without an open measure: after every real one.
FAR_AWAY = datetime.date(9999, 12, 31)


def status_rank():
    """The first key of the case list's default order (C3): active, closed, then the rest."""
    return DbCase(
        When(status=CaseStatus.ACTIVE, then=Value(0)),
        When(status=CaseStatus.CLOSED, then=Value(1)),
        default=Value(2),
    )


def next_deadline():
    """The second key: the earliest deadline of an open measure, kept on the case."""
    return Coalesce("next_measure_deadline", Value(FAR_AWAY))


class Case(PersonData):
    """The ICO dossier of one subject in one casusoverleg (CTER 10.2)."""

    number = models.CharField(_("case number"), max_length=20, unique=True)
    # Lists order by this, not by the number's text (ADR 0023: past 99,999 a year).
    number_order = order_field(CASE_PREFIX)
    casusoverleg = models.ForeignKey(
        CasusOverleg,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("casusoverleg"),
        db_index=False,  # `case_keys_per_casusoverleg` leads with it
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
    # Kept by `cases.counts` (issue 13), so the lists read no measures: the open measures
    # (planned or in progress) and the earliest deadline among them.
    open_measure_count = models.PositiveIntegerField(
        _("number of open measures"), default=0, editable=False
    )
    next_measure_deadline = models.DateField(
        _("next deadline of an open measure"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-last_processed_at"]
        indexes = [
            models.Index(fields=["number_order"], name="case_number_order"),
            # Issue 13: the list's default order (`cases.views.cases.CaseListView`) over the
            # cases it shows (B3), read in order and each checked against the permission table
            # until a page is full, rather than every visible case sorted.
            models.Index(
                status_rank(),
                next_deadline(),
                F("id"),
                condition=~Q(status=CaseStatus.ARCHIVED),
                name="case_list_order",
            ),
            # Issue 13: the keys and numbers of a casusoverleg's cases read from the index alone:
            # the numbers for `CasesFile.dossier_keys` (the access log's rule of S2), the keys for
            # the meeting form's external partners (`selectors.meetings.attending_partners`).
            models.Index(
                fields=["casusoverleg", "id"],
                include=["number"],
                name="case_keys_per_casusoverleg",
            ),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        if self.identity_method == IdentityMethod.OTHER and not self.identity_note.strip():
            raise ValidationError({"identity_note": _("Explain how the identity was established.")})


class CaseGroupPermission(GroupObjectPermissionBase):
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
        indexes = [
            # Issue 13: the cases a party takes part in now, from the index alone (P6: the
            # external partners who may attend a meeting, `attending_partners`).
            models.Index(
                fields=["party"],
                include=["case"],
                condition=models.Q(until__isnull=True),
                name="active_participation_of_party",
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

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

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

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

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
