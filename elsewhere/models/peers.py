"""K2: the other installations this one asks and answers, configured by the beheerder."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Peer(models.Model):
    """Another installation: where to ask it, the client certificate it proves itself with
    (mutual TLS), and which files' dossiers it is asked about and may ask about."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    base_url = models.URLField(_("address"), max_length=300)
    certificate = models.TextField(_("client certificate (PEM)"))
    # SHA-256 of the certificate's DER, lower-case hex: how an incoming call is recognised.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True, editable=False)
    files = models.ManyToManyField(
        "parties.DataFile", related_name="+", blank=True, verbose_name=_("files")
    )
    requests_per_minute = models.PositiveIntegerField(_("checks per minute"), default=30)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("peer installation")
        verbose_name_plural = _("peer installations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PeerChange(models.Model):
    """Who added, changed or removed a peer, when, what and why (K2, like P3). Append-only."""

    class Action(models.TextChoices):
        ADDED = "added", _("added")
        CHANGED = "changed", _("changed")
        DEACTIVATED = "deactivated", _("deactivated")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    peer = models.ForeignKey(
        Peer, on_delete=models.PROTECT, related_name="changes", verbose_name=_("peer")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("peer change")
        verbose_name_plural = _("peer changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        label = _("Peer change")
        return f"{label} #{self.pk}"
