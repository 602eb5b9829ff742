"""Forms of the case pages. They collect input only: every rule is checked by `cases.services`,
`cases.meeting_services` and `cases.disclosure_services`, whose refusals the views put back on
these forms (fields are named like the services' arguments, so a refusal shows on its field)."""

from collections import Counter

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.constants import DECIDED_REASONS, CasePart, Goal, MeasureStatus, RelatedRole
from cases.models import Case, CasusOverleg
from config.choice_fields import DossierChoiceField
from config.concurrency import VersionedForm
from config.widgets import LongCheckboxSelectMultiple
from parties.forms import DateInput
from parties.models import Party, User
from subjects.categories import DataCategory
from subjects.constants import CheckOutcome
from subjects.guard import NoForbiddenCategory

EMPTY = [("", "---------")]


def text_area(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


def free_text(label, *, required=True, rows=4, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        widget=text_area(rows),
        validators=[NoForbiddenCategory()],
        **kwargs,
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class ParticipantForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class GoalsForm(VersionedForm):
    goals = forms.MultipleChoiceField(
        label=_("Goals of the plan of approach"),
        choices=Goal.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class MeasureForm(forms.Form):
    description = free_text(_("Measure"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Party.objects.none())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = parties


class ProgressForm(VersionedForm):
    text = free_text(_("Progress"), rows=3)
    status = forms.ChoiceField(label=_("Status of the measure"), choices=MeasureStatus.choices)


class MeasureStatusForm(VersionedForm):
    """A measure's status changed on its own (C3)."""

    status = forms.ChoiceField(label=_("New status"), choices=MeasureStatus.choices)


class RelatedPersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=EMPTY + RelatedRole.choices)
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    surname = forms.CharField(label=_("Surname"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    reason = free_text(_("Why the plan needs this person"))


class AdviseClosingForm(forms.Form):
    advice = free_text(_("Advice to the driehoek"))
    advised_on = forms.DateField(label=_("Advised on"), widget=DateInput())


class DecideClosingForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=EMPTY + [(r.value, r.label) for r in DECIDED_REASONS]
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    confirm = forms.BooleanField(
        label=_("I understand that the case is closed and read-only until it is reopened.")
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=text_area())


class CheckForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EMPTY + CheckOutcome.choices)
    correction = free_text(
        _("What was corrected"),
        required=False,
        help_text=_("Required when something was corrected."),
    )


class DisclosureForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("External partner"), queryset=Party.objects.none())
    parts = forms.MultipleChoiceField(
        label=_("Parts of the case"), choices=CasePart.choices, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Kinds of data"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    necessity = free_text(_("Why the partner's contribution needs these data"))
    provider = forms.ModelChoiceField(
        label=_("Provider of the data"), queryset=Party.objects.none()
    )
    provider_permission = forms.CharField(
        label=_("Permission of the provider"),
        max_length=300,
        help_text=_("Who of the providing party gave permission, and when."),
    )
    prosecutor_consent = forms.CharField(
        label=_("Consent of the officier van justitie"),
        max_length=300,
        required=False,
        help_text=_("Required for criminal-law data."),
    )

    def __init__(self, *args, partners, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["provider"].queryset = providers


class ExportForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider of the data"), queryset=Party.objects.none()
    )
    provider_permission = forms.CharField(
        label=_("Permission of the provider"),
        max_length=300,
        help_text=_("Who of the providing party gave permission, and when."),
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class MeetingForm(forms.Form):
    """A case meeting: casusoverleg, date, chair, parties present and cases on the agenda (C4)."""

    casusoverleg = forms.ModelChoiceField(
        label=_("Casusoverleg"), queryset=CasusOverleg.objects.none()
    )
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    chair = UserChoiceField(label=_("Chair"), queryset=User.objects.none())
    attendees = forms.ModelMultipleChoiceField(
        label=_("Parties present"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    cases = DossierChoiceField(
        label=_("Cases on the agenda"),
        required=False,
        queryset=Case.objects.none(),
        widget=LongCheckboxSelectMultiple,
    )

    def __init__(self, *args, overleggen, chairs, parties, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casusoverleg"].queryset = overleggen
        self.fields["chair"].queryset = chairs
        self.fields["attendees"].queryset = parties
        self.fields["cases"].queryset = cases


CASEMANAGER_LIST = "casemanager-options"


def casemanager_labels(users) -> dict[str, object]:
    """The label of each possible casemanager, as typed or picked from the one list of the
    meeting page: the name and party, with the user's number only when two would read the
    same."""
    labels: dict[str, object] = {}
    names = [f"{user.display_name} ({user.membership.party.name})" for user in users]
    counts = Counter(names)
    for user, name in zip(users, names, strict=True):
        labels[f"{name} #{user.pk}" if counts[name] > 1 else name] = user
    return labels


class DiscussionForm(VersionedForm):
    """What the discussion of one case ended with (C4). The casemanager is typed or picked from
    one shared list of the page (`CASEMANAGER_LIST`), not a select per case."""

    minutes = free_text(_("Minutes"), required=False, rows=3)
    approach = free_text(_("How the approach is carried out"), required=False, rows=3)
    casemanager = forms.CharField(
        label=_("Casemanager"),
        required=False,
        help_text=_("Type a name and choose from the list; leave empty for none."),
        widget=forms.TextInput(attrs={"list": CASEMANAGER_LIST, "autocomplete": "off"}),
    )
    informing = free_text(_("How the subject is informed"), required=False, rows=2)

    def __init__(self, *args, casemanagers, **kwargs):
        """`casemanagers`: the labels of `casemanager_labels`, read once for all the forms of
        a meeting page."""
        super().__init__(*args, **kwargs)
        self.casemanagers = casemanagers

    def clean_casemanager(self):
        typed = self.cleaned_data["casemanager"].strip()
        if not typed:
            return None
        user = self.casemanagers.get(typed)
        if user is None:
            raise forms.ValidationError(
                _("Choose the casemanager from the list of people who can be casemanager.")
            )
        return user


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I approve these minutes; they cannot be changed afterwards.")
    )


class CopyForm(forms.Form):
    """C10, VH 20.2b: a copy of the case for the casusoverleg where the subject moved."""

    to = forms.ModelChoiceField(
        label=_("Receiving casusoverleg"), queryset=CasusOverleg.objects.none()
    )
    requested_by = UserChoiceField(
        label=_("Requested by"),
        queryset=User.objects.none(),
        help_text=_("The keeper or a member of a party of the receiving casusoverleg."),
    )
    checked_by = UserChoiceField(
        label=_("Checked by"),
        queryset=User.objects.none(),
        help_text=_("The uitvoerder of the receiving controller, who checked the request."),
    )
    check_note = free_text(
        _("Check by the receiving controller"),
        help_text=_("The legal basis and the need for the copy, as the receiving side checked."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the subject moved and that a copy of this case goes to the receiving "
            "casusoverleg."
        ),
    )

    def __init__(self, *args, destinations, requesters, checkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = destinations
        self.fields["to"].label_from_instance = lambda overleg: (
            f"{overleg.name} ({overleg.veiligheidshuis.name})"
        )
        self.fields["requested_by"].queryset = requesters
        self.fields["checked_by"].queryset = checkers
