"""Forms of the pages of "bekend elders?" (K1). They collect input only: the rules are in
`elsewhere.services`, whose refusals the views put back on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parties.models import Veiligheidshuis


class BasisForm(forms.Form):
    """The legal basis for the check that the file's specific covenant records."""

    basis = forms.CharField(
        label=_("Legal basis"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the covenant of this file says about asking whether a person is known at "
            "another Veiligheidshuis."
        ),
    )
    reference = forms.CharField(
        label=_("Reference in the covenant"),
        max_length=200,
        help_text=_("For example: article 9.3 of the privacy covenant."),
    )


class BasisFilterForm(forms.Form):
    """The filters of the list of files: none of them says anything about a person."""

    WITH, WITHOUT = "with", "without"

    q = forms.CharField(label=_("Search by file name"), required=False, max_length=200)
    veiligheidshuis = forms.ModelChoiceField(
        label=_("Veiligheidshuis"),
        queryset=Veiligheidshuis.objects.order_by("name"),
        required=False,
        empty_label=_("All Veiligheidshuizen"),
    )
    basis = forms.ChoiceField(
        label=_("Legal basis"),
        required=False,
        choices=[("", _("All files")), (WITH, _("With a legal basis")), (WITHOUT, _("Without"))],
    )
