"""Users, the party each acts for, their functions, and the log of authorisation changes (P2,
P3)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.constants import AccessLevel, AuthorisationAction, Function
from parties.models.parties import Party


class User(AbstractUser):
    """A person who signs in. What they may do follows from their membership (P2)."""

    PERSONAL_DATA_FIELDS = ("username", "first_name", "last_name", "email")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self):
        # No personal data: audit entries store str() of related objects.
        label = _("User")
        return f"{label} #{self.pk}"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """The one party a user acts for (P2). Changed only through `parties.services`."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("party")
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        permissions = [("manage_authorisations", _("Manage parties and authorisations"))]

    def __str__(self):
        label = _("Membership")
        return f"{label} #{self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None

    def function_codes(self) -> list[str]:
        # Read with the membership itself for the request's user (`parties.rights`).
        known = self.__dict__.get("known_function_codes")
        if known is not None:
            return list(known)
        return sorted(grant.function for grant in self.functions.all())

    def function_labels(self) -> list[str]:
        return [str(Function(code).label) for code in self.function_codes()]


class FunctionGrant(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="functions", verbose_name=_("membership")
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "function"], name="one_grant_per_function"
            )
        ]

    def __str__(self):
        label = _("Function")
        return f"{label} #{self.pk}"


class AuthorisationChange(models.Model):
    """Who granted, changed or revoked what, when and why (P3, CTER 15.1c). Append-only."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        related_name="authorisation_changes_made",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=AuthorisationAction.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisation_changes",
        verbose_name=_("user"),
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="authorisation_changes",
        verbose_name=_("party"),
    )
    file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisation_changes",
        verbose_name=_("file"),
    )
    level = models.CharField(
        _("access"), max_length=20, choices=AccessLevel.choices, blank=True, default=""
    )
    functions_before = models.JSONField(_("functions before"), default=list, blank=True)
    functions_after = models.JSONField(_("functions after"), default=list, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("authorisation change")
        verbose_name_plural = _("authorisation changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        label = _("Authorisation change")
        return f"{label} #{self.pk}"
