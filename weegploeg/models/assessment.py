"""The assessment (the dossier of one person in the weegploeg file) and its signals (CTER 7.1,
8.2; W1)."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase

from parties.models import Party, Veiligheidshuis
from subjects.dates import OBSERVED_ON, check_observed_after_birth
from subjects.models import FREE_TEXT, NAME_TEXT, PersonData
from subjects.numbering import order_field
from subjects.restriction import UnrestrictedManager
from weegploeg.constants import DOSSIER_PREFIX, AssessmentStatus


def status_rank():
    """The first key of the list's default order (U2): open (0) before decided (1)."""
    return Case(When(status=AssessmentStatus.OPEN, then=Value(0)), default=Value(1))


def check_from():
    """The second key: when the periodic check last started to run (W5)."""
    return Coalesce("last_checked_at", "created_at")


class Assessment(PersonData):
    """The dossier of one person in the weegploeg file: the signals about that person, the
    analysis and the decision (CTER 8.2)."""

    number = models.CharField(_("dossier number"), max_length=20, unique=True)
    # Lists order by this, not by the number's text (ADR 0023: past 99,999 a year).
    number_order = order_field(DOSSIER_PREFIX)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("Veiligheidshuis"),
        db_index=False,  # `assessment_keys_per_region` leads with it
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_processed_at = models.DateTimeField(_("last processed at"), db_index=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # Kept by `weegploeg.counts` (issue 13), so the list reads no signals: the signals an
    # ordinary read sees, the restricted ones left out (R6).
    signal_count = models.PositiveIntegerField(_("number of signals"), default=0, editable=False)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-last_processed_at"]
        indexes = [
            models.Index(fields=["number_order"], name="assessment_number_order"),
            # Issue 13: the list's default order (`weegploeg.views.assessments.with_order_keys`)
            # over the dossiers it shows (B3), read in order and each checked against the
            # permission table until a page is full, rather than every visible dossier sorted.
            models.Index(
                status_rank(),
                check_from(),
                F("id"),
                condition=Q(archived_at__isnull=True),
                name="assessment_list_order",
            ),
            # Issue 13: the numbers of a region's dossiers (`WeegploegFile.dossier_keys`, the
            # access log's rule of S2) read from the index alone, not from 5,000 heap pages.
            models.Index(
                fields=["veiligheidshuis"], include=["number"], name="assessment_keys_per_region"
            ),
            # Issue 13: the open dossiers the weegploeg's panels start from (30,000 of 250,000
            # at national scale), without a scan of the whole table, and what the panels of
            # analyses and decisions show of them from the index alone (`dashboard.SHOWN`).
            models.Index(
                fields=["id"],
                include=["created_at", "number"],
                condition=Q(status=AssessmentStatus.OPEN, archived_at__isnull=True),
                name="assessment_open",
            ),
            # Not here, PostgreSQL's only: the search's trigram indexes (migration 0011) and a
            # region's check queue in its order (`assessment_check_queue`, migration 0023),
            # since SQLite has no NULLS FIRST in an index.
        ]
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

    # indexed below, in front of the permission and the group
    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE, db_index=False)

    class Meta(GroupObjectPermissionBase.Meta):
        indexes = [
            # Issue 13: whether a reader's groups may see one dossier, from the index alone, for
            # a list read in its own order and each row checked until a page is full (the API's
            # agenderingen and analyses: each check read the dossier's five permission rows).
            # Leading with the dossier, it also serves the foreign key, as its own index did.
            models.Index(
                fields=["content_object", "permission", "group"],
                name="assessment_permission_check",
            )
        ]


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

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["observed_on", "pk"]
        indexes = [
            # Issue 13: the API's list of signals in its order, read until a page is full of
            # the ones the user sees, rather than every visible signal read and sorted.
            models.Index(fields=["observed_on", "id"], name="signal_list_order"),
        ]

    def __str__(self):
        label = _("Signal")
        return f"{label} #{self.pk}"

    def clean(self):
        super().clean()
        if self.assessment_id:
            check_observed_after_birth(self.observed_on, self.assessment.date_of_birth)
