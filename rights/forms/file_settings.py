"""The beheerder's form of a file's rights settings (I4, R3): the letter's contents, its contact
person and the request term. The rules are in `rights.services.file_settings`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rights.models import FileRightsSettings
from rights.services.file_settings import EDITABLE


class FileSettingsForm(forms.ModelForm):
    class Meta:
        model = FileRightsSettings
        fields = list(EDITABLE)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("processing", "categories", "purpose", "legal_basis", "retention")
        } | {"contact_address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "request_term_days": _(
                "Empty: one calendar month (AVG 12.3). The VH covenant says four weeks (28)."
            ),
            "contact_name": _("The person to contact for more information and to use the rights."),
            "contact_phone": _("A telephone number or an e-mail address is needed, or both."),
        }
