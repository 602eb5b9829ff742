"""K1, K2: the record of every check, on the asking side and on the answering side."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Check(models.Model):
    """One "bekend elders?" asked by an uitvoerder (K1, K2): who, when, from which file, and
    what was answered. No identity of the person: the answers name Veiligheidshuizen, files,
    active or archived, a match and a contact. Its audit entry is the asker's trail."""

    # The answers say that a person is known somewhere, and name the uitvoerders to contact.
    PERSONAL_DATA_FIELDS = ("answers",)

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    data_file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked from file"),
    )
    # [{"veiligheidshuis", "file", "state": "active"|"archived", "match": "hit"|"possible",
    #   "contact", "source": "" (this installation) or the peer's name}]
    answers = models.JSONField(_("answers"), default=list, blank=True)
    # The names of the peers asked that did not answer in time (K2).
    unanswered = models.JSONField(_("peers that did not answer"), default=list, blank=True)

    class Meta:
        verbose_name = _("check known elsewhere")
        verbose_name_plural = _("checks known elsewhere")
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        label = _("Check")
        return f"{label} #{self.pk}"


class IncomingCheck(models.Model):
    """A check a peer installation asked this one (K2): when, how many pseudonyms, how many
    dossiers answered, or why it was refused (rate, enumeration, key)."""

    peer = models.ForeignKey(
        "elsewhere.Peer", on_delete=models.PROTECT, related_name="checks", verbose_name=_("peer")
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    pseudonym_count = models.PositiveIntegerField(_("pseudonyms"), default=0)
    hit_count = models.PositiveIntegerField(_("dossiers answered"), default=0)
    refused = models.CharField(_("refused because"), max_length=30, blank=True, default="")

    class Meta:
        verbose_name = _("check by a peer")
        verbose_name_plural = _("checks by peers")
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        label = _("Check by a peer")
        return f"{label} #{self.pk}"
