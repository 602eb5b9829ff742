"""The duty to inform (I1-I5). A dossier is named by its file's label and key, never by a
foreign key: `rights` does not import the file apps (ARCHITECTURE)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import DataFile, Party
from rights.constants import OPEN_DUTY_STATES, DutyOccasion, DutyState, SendingMeans
from rights.models.grounds import LegalGround
from subjects.models import FREE_TEXT


class DutyToInform(models.Model):
    """One duty to inform one person about one dossier, on one occasion: the weegploeg's
    outcome, carried out by the kernpartij that brought the signal (CTER 11.1-2, I1); the first
    agendering in a casusoverleg, each related person registered there, and the closing of the
    approach, carried out by the uitvoerder of the file (VH 17.1, 15.5; I3, I5).
    `responsible_party` is None where the uitvoerder of `data_file` carries it out.
    `person` names the related person's row ("app.model:pk") and is "" for the subject."""

    PERSONAL_DATA_FIELDS = ("not_required_reason",)

    data_file = models.ForeignKey(
        DataFile, on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40, db_index=True)
    occasion = models.CharField(_("occasion"), max_length=20, choices=DutyOccasion.choices)
    person = models.CharField(_("person"), max_length=80, blank=True)
    responsible_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible party"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DutyState.choices, default=DutyState.TO_INFORM
    )
    started_on = models.DateField(_("started on"))
    due_on = models.DateField(_("due on"))
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    informed_means = models.CharField(
        _("informed by"), max_length=20, choices=SendingMeans.choices, blank=True
    )
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    not_required_reason = models.TextField(
        _("why informing is not required"), blank=True, validators=FREE_TEXT
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("duty to inform")
        verbose_name_plural = _("duties to inform")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "dossier_key", "occasion", "person", "started_on"],
                name="one_duty_per_occasion_and_person",
            )
        ]
        indexes = [
            # The dashboard's duties due (issue 13): the open ones of the user's files, read
            # without the informed ones, which are most of every file's duties.
            models.Index(
                fields=["data_file", "due_on"],
                condition=models.Q(state__in=OPEN_DUTY_STATES),
                name="duty_open_by_file",
            ),
            # The list of duties (issue 13): the keys of the user's files in the list's order
            # (open first, by the date due) from the index alone (`KeysFirstPaginator`).
            models.Index(
                fields=["data_file"],
                include=["id", "responsible_party", "state", "due_on"],
                name="duty_by_file_with_order",
            ),
        ]

    def __str__(self):
        label = _("Duty to inform")
        return f"{label} #{self.pk}"


class Postponement(models.Model):
    """I2 (CTER 11.3): informing postponed on a ground of AVG 23, with the reasons and a date to
    look again. A renewal is a new row: every earlier one is kept."""

    PERSONAL_DATA_FIELDS = ("reasons",)

    duty = models.ForeignKey(
        DutyToInform,
        on_delete=models.CASCADE,
        related_name="postponements",
        verbose_name=_("duty to inform"),
    )
    ground = models.ForeignKey(
        LegalGround, on_delete=models.PROTECT, related_name="+", verbose_name=_("ground")
    )
    reasons = models.TextField(_("reasons"), validators=FREE_TEXT)
    review_on = models.DateField(_("look again on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # I3 (CTER 11.4): the day the ground lapsed, or the day a renewal replaced this row.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("postponement")
        verbose_name_plural = _("postponements")
        ordering = ["duty", "recorded_at", "pk"]

    def __str__(self):
        label = _("Postponement")
        return f"{label} #{self.pk}"
