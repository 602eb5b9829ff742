"""The outcomes of a subject's request (R4-R7): what is withheld and why, the items changed
with the notices to their recipients, and the decision on an objection. A dossier is named by
its file's label and key; an item by its model and key (`subjects.registry.ItemRef`). The rows
about a dossier go when it is destroyed (`rights.services.forgetting`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rights.constants import SendingMeans
from rights.models.grounds import LegalGround
from rights.models.letters import Letter
from rights.models.requests import SubjectRequest
from rights.outcome_constants import ChangeAction, RectificationReason
from subjects.models import FREE_TEXT

USER = settings.AUTH_USER_MODEL


class Withholding(models.Model):
    """R5 (CTER 12.4, AVG 23): a dossier, or one item of it, left out of the access answer on
    a ground of UAVG 41, with the reasons the refusal letter gives."""

    PERSONAL_DATA_FIELDS = ("reasons",)

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="withholdings",
        verbose_name=_("request"),
    )
    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40, db_index=True)
    # "" and None: the whole dossier is withheld.
    item_model = models.CharField(_("item"), max_length=100, blank=True)
    item_pk = models.PositiveBigIntegerField(_("item key"), null=True, blank=True)
    ground = models.ForeignKey(
        LegalGround, on_delete=models.PROTECT, related_name="+", verbose_name=_("ground")
    )
    reasons = models.TextField(_("reasons"), validators=FREE_TEXT)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("withholding")
        verbose_name_plural = _("withholdings")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        label = _("Withholding")
        return f"{label} #{self.pk}"

    @property
    def whole_dossier(self) -> bool:
        return not self.item_model


class ItemChange(models.Model):
    """R6 (CTER 12.5-12.6): one item rectified, erased or restricted through its file's own
    services. It names the fields changed, never their values."""

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="item_changes",
        verbose_name=_("request"),
    )
    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40, db_index=True)
    item_model = models.CharField(_("item"), max_length=100)
    item_pk = models.PositiveBigIntegerField(_("item key"))
    action = models.CharField(_("change"), max_length=20, choices=ChangeAction.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=RectificationReason.choices)
    fields = models.JSONField(_("fields changed"), default=list)
    changed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of an item")
        verbose_name_plural = _("changes of items")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        label = _("Change of an item")
        return f"{label} #{self.pk}"


class Notice(models.Model):
    """CTER 12.6, AVG 19: a recipient in the dossier's records (a disclosure, a transfer, a
    copy, an export) told of a change; its letter and its sending are recorded."""

    PERSONAL_DATA_FIELDS = ("what",)

    change = models.ForeignKey(
        ItemChange, on_delete=models.CASCADE, related_name="notices", verbose_name=_("change")
    )
    recipient_kind = models.CharField(_("received through"), max_length=20)
    party = models.CharField(_("recipient"), max_length=300)
    what = models.CharField(_("what was received"), max_length=500, blank=True)
    received_on = models.DateField(_("received on"))
    letter = models.OneToOneField(
        Letter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notice",
        verbose_name=_("letter"),
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_means = models.CharField(
        _("sent by"), max_length=20, choices=SendingMeans.choices, blank=True
    )
    sent_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by (user)"),
    )

    class Meta:
        verbose_name = _("notice to a recipient")
        verbose_name_plural = _("notices to recipients")
        ordering = ["change", "received_on", "pk"]

    def __str__(self):
        label = _("Notice")
        return f"{label} #{self.pk}"


class ObjectionDecision(models.Model):
    """R7 (VH 18.4, AVG 21): the decision on an objection, with the weighing of the interests
    of the subject and of the controller. Upheld, it ends the processing of every dossier the
    request covers."""

    PERSONAL_DATA_FIELDS = ("weighing",)

    request = models.OneToOneField(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="objection_decision",
        verbose_name=_("request"),
    )
    weighing = models.TextField(_("weighing of interests"), validators=FREE_TEXT)
    upheld = models.BooleanField(_("objection upheld"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    letter = models.OneToOneField(
        Letter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objection",
        verbose_name=_("letter"),
    )

    class Meta:
        verbose_name = _("decision on an objection")
        verbose_name_plural = _("decisions on objections")

    def __str__(self):
        label = _("Decision on an objection")
        return f"{label} #{self.pk}"
