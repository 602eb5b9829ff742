from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.choice_fields import ChoicePairs
from config.concurrency import VersionedForm
from config.widgets import LongSelect
from parties.constants import AuthorisationAction, Function, PartyKind, PartyRole
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


class PartyFilterForm(forms.Form):
    """The filter of a list on one party (the users, the authorisation log), in the URL: it
    says nothing about a person. Every party is a choice (566 at national scale), read as
    (pk, name) rows and rendered in one pass (`LongSelect`): a Party instance and a template per
    option cost 20-30 ms a page (issue 13). A filter that does not hold (a party no longer
    there) is left out; the others apply."""

    party = forms.TypedChoiceField(
        label=_("Party"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Party.objects.order_by("name", "pk").values_list("pk", "name")
        self.fields["party"].choices = ChoicePairs([("", _("All parties")), *parties])

    def filters(self) -> dict:
        """The filters that hold, by name (none when nothing was asked)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class AuthorisationLogFilterForm(PartyFilterForm):
    """The filters of the authorisation log (P3): the kind of change and the party."""

    action = forms.ChoiceField(
        label=pgettext_lazy("authorisation change", "Action"),
        required=False,
        choices=[("", _("All actions")), *AuthorisationAction.choices],
    )
