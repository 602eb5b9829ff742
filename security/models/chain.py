"""The hash chain over the audit entries (S2, CTER 15.1e; B8): its head, and the links that
destruction removed on purpose."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The hash before the first entry.
GENESIS = "0" * 64


class ChainHead(models.Model):
    """The one row that says where the chain ends: the last sequence number given and its
    hash. Sealing locks it (one sealer at a time, on every database), and verification checks
    that the chain reaches it, so entries cut off at the end are found too."""

    sequence = models.BigIntegerField(_("sequence"), default=0)
    entry_hash = models.CharField(_("entry hash"), max_length=64, default=GENESIS)
    sealed_at = models.DateTimeField(_("sealed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="one_chain_head")]

    def __str__(self):
        return f"{self.sequence}"


class PurgedLink(models.Model):
    """A sealed audit entry deleted on purpose (destruction, erasure: B8): its place and hashes,
    nothing of its content, so the verification follows the chain across the gap. An entry
    that is gone without such a record breaks the chain."""

    sequence = models.BigIntegerField(_("sequence"), unique=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64)
    purged_at = models.DateTimeField(_("purged at"), auto_now_add=True)
    batch = models.UUIDField(_("batch"), db_index=True)
    reason = models.CharField(_("reason"), max_length=40)

    class Meta:
        verbose_name = _("purged audit link")
        verbose_name_plural = _("purged audit links")
        ordering = ["sequence"]

    def __str__(self):
        return f"{self.sequence}"
