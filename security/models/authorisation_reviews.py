"""The periodic review of granted authorisations (P4, CTER 15.1f): per party and period, with a
due date and a sign-off, and one row per function or file authorisation the reviewer kept or
revoked. Created by beat (`security.services.authorisation_reviews.create_due_reviews`), signed
off only through `sign_off`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewDecision(models.TextChoices):
    KEEP = "keep", _("Keep")
    REVOKE = "revoke", _("Revoke")


class ReviewItemKind(models.TextChoices):
    FUNCTION = "function", _("Function")
    FILE = "file", _("File authorisation")


class AuthorisationReview(models.Model):
    # Free text typed by the reviewer: it may name a person.
    PERSONAL_DATA_FIELDS = ("remarks",)

    party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        related_name="authorisation_reviews",
        verbose_name=_("party"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_off_by = models.ForeignKey(
        "parties.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    overdue_alarm_sent_at = models.DateTimeField(_("overdue alarm sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("authorisation review")
        verbose_name_plural = _("authorisation reviews")
        ordering = ["-period_start", "party__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "period_start"], name="one_review_per_party_and_period"
            )
        ]

    def __str__(self):
        label = _("Authorisation review")
        return f"{label} #{self.pk}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class ReviewItem(models.Model):
    """One function or file authorisation of one user, as the reviewer decided on it."""

    # The reason is free text typed by the reviewer.
    PERSONAL_DATA_FIELDS = ("reason",)

    review = models.ForeignKey(
        AuthorisationReview,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("review"),
    )
    user = models.ForeignKey(
        "parties.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewItemKind.choices)
    function = models.CharField(_("function"), max_length=20, blank=True, default="")
    authorisation = models.ForeignKey(
        "parties.FileAuthorisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file authorisation"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField(_("reason"), blank=True)
    last_login = models.DateTimeField(_("last sign-in"), null=True, blank=True)
    reads = models.PositiveIntegerField(_("reads in the period"), default=0)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["review", "user", "kind", "pk"]

    def __str__(self):
        label = _("Review item")
        return f"{label} #{self.pk}"
