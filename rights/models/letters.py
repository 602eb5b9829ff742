"""Letters (I4, R3, R5, R6): the PDF as it was made, kept with the dossier it is about and
destroyed with it (B8); the sending is recorded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rights.constants import LetterKind, SendingMeans
from rights.models.duties import DutyToInform
from rights.models.requests import SubjectRequest

USER = settings.AUTH_USER_MODEL


class Letter(models.Model):
    PERSONAL_DATA_FIELDS = ("pdf",)

    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    # The dossier the letter is about; "" for a letter about a request as a whole.
    file_label = models.CharField(_("file"), max_length=30, blank=True)
    dossier_key = models.CharField(_("dossier"), max_length=40, blank=True, db_index=True)
    duty = models.ForeignKey(
        DutyToInform,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("duty to inform"),
    )
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("request"),
    )
    pdf = models.BinaryField(_("PDF"), editable=False)
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)
    made_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
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
        verbose_name=_("sending recorded by"),
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["made_at", "pk"]

    def __str__(self):
        label = _("Letter")
        return f"{label} #{self.pk}"
