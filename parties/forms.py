from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from config.concurrency import VersionedForm
from parties.constants import Function, PartyKind, PartyRole
from parties.models import Party, User, Veiligheidshuis

REASON_HELP = _("Recorded in the authorisation log (who, when, what and why).")


def reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=PartyKind.choices)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Based on the type"))] + PartyRole.choices,
        required=False,
        help_text=_(
            "Empty: a municipality, the OM and the police are a core party (kernpartij), an "
            "external partner is external, every other type is a case party (casuspartij)."
        ),
    )
    veiligheidshuizen = forms.ModelMultipleChoiceField(
        label=_("Veiligheidshuizen"),
        queryset=Veiligheidshuis.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=4,
        required=False,
        help_text=_("Four digits, only for a municipality (for example 0392 for Haarlem)."),
    )
    joined_on = forms.DateField(label=_("Participation from"), widget=DateInput())
    reason = reason_field()


class PartyUpdateForm(VersionedForm, PartyForm):
    """A change of the party as a whole, refused when someone else changed it meanwhile."""


class NoticeForm(forms.Form):
    notice_on = forms.DateField(
        label=_("Date of notice"),
        widget=DateInput(),
        help_text=_(
            "Participation ends three months later; all users of this party then lose their access."
        ),
    )
    reason = reason_field()
    confirm = forms.BooleanField(
        label=_("I understand that the users of this party lose their access on the end date."),
    )


class DeclarationForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    signed_by = forms.CharField(label=_("Signed by"), max_length=200)
    document_reference = forms.CharField(label=_("Document reference"), max_length=100)


class FunctionsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Functions"),
            choices=Function.choices,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=password_validators_help_text_html(),
        strip=False,
    )
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.all())
    functions = FunctionsField()
    reason = reason_field()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username


class MembershipForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.all())
    functions = FunctionsField()
    reason = reason_field()


class FunctionsForm(forms.Form):
    functions = FunctionsField()
    reason = reason_field()


class RevokeForm(forms.Form):
    reason = reason_field()
    confirm = forms.BooleanField(
        label=_("I understand that this user loses all access immediately."),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


class TokenIssueForm(forms.Form):
    name = forms.CharField(
        label=_("System"),
        max_length=100,
        help_text=_("The partner system that uses this token."),
    )
    reason = reason_field()


class TokenRevokeForm(forms.Form):
    reason = reason_field()
    confirm = forms.BooleanField(
        label=_("I understand that this system loses its access immediately."),
    )
