"""The plan of approach: related people, goals, measures and progress (C2, C3; CTER 9.3-9.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import OPEN_MEASURE_STATUSES, Goal, MeasureStatus, RelatedRole
from cases.models.case import Case
from cases.models.fields import user_fk
from parties.models import Party
from subjects.dates import DATE_OF_BIRTH
from subjects.models import FREE_TEXT, NAME_TEXT
from subjects.restriction import UnrestrictedManager


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

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

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
        indexes = [
            # Issue 13: the open measures by case and deadline, for a case's next deadline
            # (`cases.counts`), its overdue measures (the case list, the case page) and what is
            # due on the dashboard; the finished ones, most of them in time, are left out.
            models.Index(
                fields=["case", "deadline"],
                condition=models.Q(status__in=OPEN_MEASURE_STATUSES),
                name="measure_open_by_case",
            ),
            # Issue 13: the API's list of measures in its order, read until a page is full of
            # the ones of the cases the user sees, rather than every visible measure sorted.
            models.Index(fields=["deadline", "id"], name="measure_list_order"),
        ]

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

    objects = UnrestrictedManager()  # R1: a restricted one is left out of reads

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-written_at"]

    def __str__(self):
        label = _("Progress note")
        return f"{label} #{self.pk}"
