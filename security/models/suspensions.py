"""Accounts suspended for want of use (P4): no sign-in for ACCOUNT_DORMANT_DAYS. The account is
made inactive (it cannot sign in, its sessions end) and this record says since when and why;
a reinstatement by the beheerder is recorded on it, with its reason."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountSuspension(models.Model):
    # The reinstatement's reason is free text typed by the beheerder.
    PERSONAL_DATA_FIELDS = ("reinstate_reason",)

    user = models.ForeignKey(
        "parties.User",
        on_delete=models.PROTECT,
        related_name="suspensions",
        verbose_name=_("user"),
    )
    since = models.DateTimeField(_("suspended since"))
    reason = models.CharField(_("reason"), max_length=200)
    reinstated_by = models.ForeignKey(
        "parties.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reinstated by"),
    )
    reinstated_at = models.DateTimeField(_("reinstated at"), null=True, blank=True)
    reinstate_reason = models.TextField(_("reason for reinstatement"), blank=True)

    class Meta:
        verbose_name = _("account suspension")
        verbose_name_plural = _("account suspensions")
        ordering = ["-since", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(reinstated_at__isnull=True),
                name="one_open_suspension_per_user",
            )
        ]

    def __str__(self):
        label = _("Account suspension")
        return f"{label} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.reinstated_at is None
