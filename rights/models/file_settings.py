"""What each file (a weegploeg, a casusoverleg) sets for the subject's rights: the term to
answer a request (R3) and the contents of the letter that informs (I4, VH 17.1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import DataFile
from subjects.models import FREE_TEXT


class FileRightsSettings(models.Model):
    PERSONAL_DATA_FIELDS = ("contact_name", "contact_address", "contact_phone", "contact_email")

    data_file = models.OneToOneField(
        DataFile, on_delete=models.CASCADE, related_name="rights_settings", verbose_name=_("file")
    )
    # None: one calendar month (AVG 12.3); the VH covenant says 28 days (four weeks, VH 18.2).
    request_term_days = models.PositiveSmallIntegerField(
        _("term to answer a request (days)"), null=True, blank=True
    )
    processing = models.TextField(_("what is processed"), blank=True, validators=FREE_TEXT)
    purpose = models.TextField(_("purpose of the processing"), blank=True, validators=FREE_TEXT)
    legal_basis = models.TextField(_("legal basis"), blank=True, validators=FREE_TEXT)
    categories = models.TextField(_("categories of data"), blank=True, validators=FREE_TEXT)
    retention = models.TextField(_("retention"), blank=True, validators=FREE_TEXT)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_address = models.TextField(_("address of the contact person"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    sender = models.CharField(_("signed by (function)"), max_length=200, blank=True)
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
        verbose_name = _("rights settings of a file")
        verbose_name_plural = _("rights settings of files")

    def __str__(self):
        return str(self.data_file)
