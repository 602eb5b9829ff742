from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(AbstractLogEntry):
    """django-auditlog's entry, with the party the actor acted for (S2).

    The party's name is copied so the entry still reads after the party or user is gone.
    """

    actor_party = models.ForeignKey(
        "parties.Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("party of the actor"),
    )
    actor_party_name = models.CharField(_("party name"), max_length=200, blank=True)

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["actor_party", "timestamp"])]
