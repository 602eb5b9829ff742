"""The API tokens of partner systems (U5, S1)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.models.parties import Party
from parties.models.users import User


class ApiToken(models.Model):
    """A partner system's key to the API, issued by the beheerder to one party (U5, S1).

    Only the SHA-256 hash of the key is stored; the key itself is shown once, when it is
    issued. The token acts through its own service account, a deelnemer of the party, so it has
    that party's rights and nothing more, and loses them with the party (P5, P6).
    """

    # Free text typed by the beheerder: it should name a system, but may name a person.
    PERSONAL_DATA_FIELDS = ("name",)

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("party")
    )
    name = models.CharField(
        _("system"), max_length=100, help_text=_("The partner system that uses this token.")
    )
    key_prefix = models.CharField(_("key prefix"), max_length=8)
    key_hash = models.CharField(
        max_length=64, unique=True, db_index=True, editable=False, verbose_name=_("key hash")
    )
    account = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        related_name="api_token",
        verbose_name=_("service account"),
        editable=False,
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False),
                name="api_token_revoked_by_only_when_revoked",
            ),
        ]

    def __str__(self):
        # No personal data and never the key: the prefix tells tokens apart.
        label = _("API token")
        return f"{label} {self.key_prefix}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
