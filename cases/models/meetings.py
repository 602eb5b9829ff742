"""Case meetings and the discussion of each case on their agenda (C4; VH 14)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from cases.models.casusoverleg import CasusOverleg
from cases.models.fields import USER, user_fk
from parties.models import Party
from subjects.models import FREE_TEXT, MeetingSightBase


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
    # Kept by `cases.counts` (issue 13): every case on the agenda.
    case_count = models.PositiveIntegerField(
        _("number of cases on the agenda"), default=0, editable=False
    )

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


class CaseMeetingSight(MeetingSightBase):
    """A group that sees a case meeting through a case on its agenda, kept by `cases.sight`
    (ADR 0039)."""

    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "meeting"], name="one_case_sight_per_group")
        ]
