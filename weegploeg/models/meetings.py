"""Weegploeg meetings and their agenda (W7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import Party, Veiligheidshuis
from subjects.models import FREE_TEXT, MeetingSightBase
from weegploeg.models.analysis import Decision
from weegploeg.models.assessment import Assessment


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
    # Kept by `weegploeg.counts` (issue 13): every assessment on the agenda.
    item_count = models.PositiveIntegerField(
        _("number of assessments on the agenda"), default=0, editable=False
    )

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


class MeetingSight(MeetingSightBase):
    """A group that sees a weegploeg meeting through an assessment on its agenda, kept by
    `weegploeg.sight` (ADR 0039)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "meeting"], name="one_sight_per_group")
        ]
