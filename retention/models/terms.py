"""The retention terms of one file (B2-B4, C11): data, validated, archive before destroy."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import DataFile
from retention.constants import ArchiveFrom


class RetentionTerms(models.Model):
    data_file = models.OneToOneField(
        DataFile, on_delete=models.CASCADE, related_name="retention_terms", verbose_name=_("file")
    )
    archive_after_months = models.PositiveSmallIntegerField(_("archive after (months)"))
    archive_from = models.CharField(
        _("archive term runs from"),
        max_length=30,
        choices=ArchiveFrom.choices,
        default=ArchiveFrom.LAST_PROCESSING,
    )
    destroy_after_months = models.PositiveSmallIntegerField(
        _("destroy after (months after the last processing)")
    )
    not_agendered_destroy_after_months = models.PositiveSmallIntegerField(
        _("not put on the agenda: destroy after (months after the decision)"),
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("retention terms")
        verbose_name_plural = _("retention terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(archive_after_months__gt=0)
                & models.Q(destroy_after_months__gt=models.F("archive_after_months")),
                name="retention_archive_before_destroy",
            ),
            models.CheckConstraint(
                condition=models.Q(not_agendered_destroy_after_months__isnull=True)
                | models.Q(
                    not_agendered_destroy_after_months__lte=models.F("destroy_after_months")
                ),
                name="retention_not_agendered_within_term",
            ),
        ]

    def __str__(self):
        return str(self.data_file)

    def clean(self):
        errors = {}
        if self.archive_after_months is not None and self.archive_after_months < 1:
            errors["archive_after_months"] = _("The archive term is at least one month.")
        if (
            self.archive_after_months is not None
            and self.destroy_after_months is not None
            and self.destroy_after_months <= self.archive_after_months
        ):
            errors["destroy_after_months"] = _(
                "Data are destroyed only after they went to the archive: the destroy term must "
                "be longer than the archive term."
            )
        if (
            self.not_agendered_destroy_after_months is not None
            and self.destroy_after_months is not None
            and self.not_agendered_destroy_after_months > self.destroy_after_months
        ):
            errors["not_agendered_destroy_after_months"] = _(
                "This term cannot be longer than the destroy term."
            )
        if errors:
            raise ValidationError(errors)
