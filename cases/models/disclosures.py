"""What left the file: disclosures to external partners (C6) and exports (C7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from cases.models.fields import user_fk
from parties.models import Party
from subjects.models import FREE_TEXT


class Disclosure(models.Model):
    """Data given to an external partner (C6, CTER 10.5): which parts, as they were then, the
    necessity, the kinds of data, the provider's permission, and for criminal-law data the
    officier van justitie's consent (VH 6)."""

    PERSONAL_DATA_FIELDS = ("snapshot", "necessity")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="disclosures", verbose_name=_("case")
    )
    partner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("external partner")
    )
    parts = models.JSONField(_("parts disclosed"), default=list)
    snapshot = models.JSONField(_("data as disclosed"), default=dict)
    necessity = models.TextField(_("necessity"), validators=FREE_TEXT)
    categories = models.JSONField(_("kinds of data"), default=list)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider of the data")
    )
    provider_permission = models.CharField(
        _("permission of the provider"), max_length=300, validators=FREE_TEXT
    )
    prosecutor_consent = models.CharField(
        _("consent of the officier van justitie"), max_length=300, blank=True, validators=FREE_TEXT
    )
    disclosed_by = user_fk(verbose_name=_("disclosed by"))
    disclosed_at = models.DateTimeField(_("disclosed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_at"]

    def __str__(self):
        label = _("Disclosure")
        return f"{label} #{self.pk}"


class Export(models.Model):
    """A download or export of case data, with the provider's permission (C7, CTER 8.6)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="exports", verbose_name=_("case")
    )
    exported_by = user_fk(verbose_name=_("exported by"))
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider of the data")
    )
    provider_permission = models.CharField(
        _("permission of the provider"), max_length=300, validators=FREE_TEXT
    )

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        label = _("Export")
        return f"{label} #{self.pk}"
