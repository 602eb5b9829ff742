from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from parties.constants import Function, PartyKind, PartyRole
from parties.models import Party, User, Veiligheidshuis

REASON_HELP = _("Wordt vastgelegd in het autorisatielog (wie, wanneer, wat en waarom).")


def reason_field():
    return forms.CharField(
        label=_("Reden van de wijziging"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=PartyKind.choices)
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Volgens de soort"))] + PartyRole.choices,
        required=False,
        help_text=_("Leeg: gemeente, OM en politie zijn kernpartij, een externe partner is "
                    "extern, de overige soorten zijn casuspartij."),
    )
    veiligheidshuizen = forms.ModelMultipleChoiceField(
        label=_("Veiligheidshuizen"),
        queryset=Veiligheidshuis.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    municipality_code = forms.CharField(
        label=_("Gemeentecode"),
        max_length=4,
        required=False,
        help_text=_("Vier cijfers, alleen voor een gemeente (bijvoorbeeld 0392 voor Haarlem)."),
    )
    joined_on = forms.DateField(label=_("Deelname vanaf"), widget=DateInput())
    reason = reason_field()


class NoticeForm(forms.Form):
    notice_on = forms.DateField(
        label=_("Datum van opzegging"),
        widget=DateInput(),
        help_text=_("De deelname eindigt drie maanden later; dan vervalt de toegang van alle "
                    "gebruikers van deze partij."),
    )
    reason = reason_field()
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat de gebruikers van deze partij op de einddatum hun toegang "
                "verliezen."),
    )


class DeclarationForm(forms.Form):
    signed_on = forms.DateField(label=_("Ondertekend op"), widget=DateInput())
    signed_by = forms.CharField(label=_("Ondertekend door"), max_length=200)
    document_reference = forms.CharField(label=_("Kenmerk van het document"), max_length=100)


class FunctionsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Functies"),
            choices=Function.choices,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    password = forms.CharField(
        label=_("Eerste wachtwoord"),
        widget=forms.PasswordInput(render_value=True),
        help_text=password_validators_help_text_html(),
        strip=False,
    )
    party = forms.ModelChoiceField(label=_("Partij"), queryset=Party.objects.all())
    functions = FunctionsField()
    reason = reason_field()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username


class MembershipForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Partij"), queryset=Party.objects.all())
    functions = FunctionsField()
    reason = reason_field()


class FunctionsForm(forms.Form):
    functions = FunctionsField()
    reason = reason_field()


class RevokeForm(forms.Form):
    reason = reason_field()
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat deze gebruiker direct alle toegang verliest."),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
