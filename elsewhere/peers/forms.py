"""K2: the beheerder's forms about peer installations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parties.models import DataFile

REASON_HELP = _("Recorded in the log of peer changes (who, when, what and why).")


def reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class PeerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    base_url = forms.URLField(
        label=_("Address"),
        max_length=300,
        assume_scheme="https",
        help_text=_("The address of the other installation, e.g. https://vh.example.nl"),
    )
    certificate = forms.CharField(
        label=_("Client certificate (PEM)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The certificate the other installation proves itself with. Its fingerprint is "
            "computed and shown after saving."
        ),
    )
    files = forms.ModelMultipleChoiceField(
        label=_("Files"),
        queryset=DataFile.objects.select_related("veiligheidshuis"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The files this installation is asked about and may ask about."),
    )
    requests_per_minute = forms.IntegerField(
        label=_("Checks per minute"), min_value=1, max_value=10000, initial=30
    )
    reason = reason_field()


class DeactivateForm(forms.Form):
    reason = reason_field()
