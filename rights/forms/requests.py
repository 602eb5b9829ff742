"""The forms of the request screen (R1-R3, U3). They check the shape of the input; the rules are
in `rights.services` (a refusal is shown on the form with `config.pages.add_service_errors`)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.choice_fields import RowChoiceField
from config.concurrency import VersionedForm
from config.widgets import LongSelect
from parties.models import User
from rights.constants import (
    Channel,
    IdentityMethod,
    Representation,
    RequesterKind,
    RequestKind,
    SendingMeans,
)
from subjects.bsn import BSNValidator

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class IntakeForm(forms.Form):
    veiligheidshuis = forms.ModelChoiceField(queryset=None, label=_("Veiligheidshuis"))
    kinds = forms.MultipleChoiceField(
        label=_("What is asked"),
        choices=RequestKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Received through"), choices=Channel.choices)
    requester_kind = forms.ChoiceField(
        label=_("Requester"), choices=RequesterKind.choices, initial=RequesterKind.SUBJECT
    )
    representation = forms.ChoiceField(
        label=_("Ground of representation"),
        choices=[("", "---------"), *Representation.choices],
        required=False,
        help_text=_("Only when a legal representative makes the request."),
    )
    representative_name = forms.CharField(
        label=_("Name of the representative"), max_length=200, required=False
    )
    surname = forms.CharField(label=_("Surname"), max_length=200)
    prefix = forms.CharField(label=_("Prefix"), max_length=50, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE)
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False, validators=[BSNValidator()])
    explanation = forms.CharField(
        label=_("What is asked, and why"),
        widget=TEXT,
        required=False,
        help_text=_("For a rectification: which change is asked and why."),
    )
    reply_address = forms.CharField(label=_("Address for the answer"), widget=TEXT, required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veiligheidshuis"].queryset = regions
        if regions.count() == 1:
            self.fields["veiligheidshuis"].initial = regions.first()
        self.fields["received_on"].initial = timezone.localdate()


class IdentityForm(VersionedForm):
    method = forms.ChoiceField(label=_("Identity established by"), choices=IdentityMethod.choices)
    note = forms.CharField(
        label=_("Explanation"),
        widget=TEXT,
        required=False,
        help_text=_(
            "For example which kind of document was seen. Do not write down the document "
            "number: no copy of an identity document is kept."
        ),
    )


class ExtensionForm(VersionedForm):
    reasons = forms.CharField(label=_("Reasons for the extension"), widget=TEXT)


class LetterSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    means = forms.ChoiceField(label=_("Sent by"), choices=SendingMeans.choices)


class AnsweredForm(VersionedForm):
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)


class WithdrawnForm(VersionedForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE)


class DossierForm(VersionedForm):
    """A dossier found for the request, confirmed or taken back (hidden fields of a button)."""

    file_label = forms.CharField(max_length=30, widget=forms.HiddenInput)
    dossier_key = forms.CharField(max_length=40, widget=forms.HiddenInput)


class CandidateField(RowChoiceField):
    """A user to designate, by name (the username when none) and party."""

    label_columns = ("first_name", "last_name", "username", "membership__party__name")

    def label_from_row(self, first_name, last_name, username, party_name) -> str:
        return f"{f'{first_name} {last_name}'.strip() or username} ({party_name})"


class OfficerForm(forms.Form):
    veiligheidshuis = forms.ModelChoiceField(queryset=None, label=_("Veiligheidshuis"))
    user = CandidateField(queryset=None, label=_("User"), widget=LongSelect)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veiligheidshuis"].queryset = regions
        self.fields["user"].queryset = (
            User.objects.filter(
                is_active=True,
                membership__party__veiligheidshuizen__in=regions,
                membership__ended_on__isnull=True,
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
