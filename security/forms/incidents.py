"""Forms of the incident register (S3). They collect input only: the rules are the services'
(`security.services.incidents`), whose refusals the views put back on these forms (fields are
named like the services' arguments), which keep what was typed."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.pages import add_service_errors
from parties.forms import DateInput
from security.models.incidents import ApDecision, IncidentKind, Nature, SubjectsDecision
from subjects.guard import NoForbiddenCategory


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def free_text(label, *, rows=4, required=False, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[NoForbiddenCategory()],
        **kwargs,
    )


class MomentMixin:
    """A moment typed as a date and a time (local), made one aware datetime in `cleaned_data`
    under `moment_name`."""

    moment_name = ""

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get(f"{self.moment_name}_date"), cleaned.get(f"{self.moment_name}_time")
        if day and time:
            cleaned[self.moment_name] = timezone.make_aware(datetime.combine(day, time))
        return cleaned

    def add_service_errors(self, error) -> None:
        """A service's refusal on this form; one of the moment lands on its date field."""
        if hasattr(error, "error_dict") and self.moment_name in error.error_dict:
            error.error_dict[f"{self.moment_name}_date"] = error.error_dict.pop(self.moment_name)
        add_service_errors(self, error)


def now_initial() -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {"date": now.date(), "time": now.time()}


class ReportForm(MomentMixin, forms.Form):
    moment_name = "discovered_at"

    what_happened = free_text(
        _("What happened?"),
        required=True,
        help_text=_("Describe what happened without naming the people whose data are concerned."),
    )
    discovered_at_date = forms.DateField(label=_("Discovered on"), widget=DateInput())
    discovered_at_time = forms.TimeField(label=_("Discovered at (time)"), widget=TimeInput())
    affected = free_text(
        _("What may be affected?"),
        rows=3,
        help_text=_("For example: a file, a list, a laptop, a mail sent to the wrong address."),
    )
    veiligheidshuis = forms.ModelChoiceField(label=_("Veiligheidshuis"), queryset=None)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        now = now_initial()
        self.fields["discovered_at_date"].initial = now["date"]
        self.fields["discovered_at_time"].initial = now["time"]
        self.fields["veiligheidshuis"].queryset = regions
        if regions.count() == 1:
            # The reporter's only Veiligheidshuis: nothing to choose.
            self.fields["veiligheidshuis"].initial = regions.get()
            self.fields["veiligheidshuis"].widget = forms.HiddenInput()


class AssessmentForm(MomentMixin, forms.Form):
    moment_name = "discovered_at"

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Not yet assessed")), *IncidentKind.choices],
        required=False,
        help_text=_("A security incident that is no data breach has no deadline at the AP."),
    )
    what_happened = free_text(_("What happened"), required=True)
    discovered_at_date = forms.DateField(label=_("Discovered on"), widget=DateInput())
    discovered_at_time = forms.TimeField(label=_("Discovered at (time)"), widget=TimeInput())
    occurred = forms.CharField(
        label=_("When it happened (date or period)"),
        required=False,
        max_length=200,
        validators=[NoForbiddenCategory()],
    )
    affected = free_text(_("What may be affected"), rows=3)
    nature = forms.MultipleChoiceField(
        label=_("Nature of the breach"),
        choices=Nature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_kinds = free_text(
        _("Kinds of personal data"),
        rows=3,
        help_text=_("For example: names and addresses, BSN, police data, health data."),
    )
    special_categories = forms.BooleanField(
        label=_("Special categories of personal data are involved"), required=False
    )
    criminal_data = forms.BooleanField(label=_("Criminal-law data are involved"), required=False)
    people_count = forms.IntegerField(label=_("Number of people"), min_value=0, required=False)
    people_estimated = forms.BooleanField(
        label=_("The number of people is an estimate"), required=False
    )
    records_count = forms.IntegerField(label=_("Number of records"), min_value=0, required=False)
    records_estimated = forms.BooleanField(
        label=_("The number of records is an estimate"), required=False
    )
    files = forms.ModelMultipleChoiceField(
        label=_("Files and casusoverleggen affected"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures_before = free_text(_("Measures taken before (encryption, for example)"), rows=3)
    measures_after = free_text(_("Measures taken after"), rows=3)
    consequences = free_text(_("Likely consequences"), rows=3)
    cross_border = forms.BooleanField(
        label=_("People in other EU countries are concerned"), required=False
    )
    contact = free_text(
        _("Contact for the Autoriteit Persoonsgegevens"),
        rows=2,
        help_text=_("Name, function, telephone and e-mail of the contact person."),
    )
    ap_decision = forms.ChoiceField(
        label=_("Must it be notified to the Autoriteit Persoonsgegevens?"),
        choices=[("", _("Not yet decided")), *ApDecision.choices],
        required=False,
        help_text=_("A decision not to notify stops the 72-hour clock; give the reasons."),
    )
    ap_reasons = free_text(_("Reasons (Autoriteit Persoonsgegevens)"), rows=3)
    subjects_decision = forms.ChoiceField(
        label=_("Must the people concerned be told (AVG 34)?"),
        choices=[("", _("Not yet decided")), *SubjectsDecision.choices],
        required=False,
    )
    subjects_reasons = free_text(_("Reasons (people concerned)"), rows=3)
    subjects_informed_on = forms.DateField(
        label=_("People told on"), required=False, widget=DateInput()
    )
    follow_up = free_text(_("Follow-up"), rows=3)

    def __init__(self, *args, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = files

    @classmethod
    def initial_of(cls, incident) -> dict:
        moment = timezone.localtime(incident.discovered_at)
        initial = {
            name: getattr(incident, name)
            for name in cls.base_fields
            if hasattr(incident, name) and name != "files"
        }
        initial.update(
            discovered_at_date=moment.date(),
            discovered_at_time=moment.time().replace(second=0, microsecond=0),
            files=list(incident.files.all()),
        )
        return initial

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("discovered_at_date", None)
        data.pop("discovered_at_time", None)
        return data


class NotificationForm(MomentMixin, forms.Form):
    moment_name = "notified_at"

    notified_at_date = forms.DateField(label=_("Notified on"), widget=DateInput())
    notified_at_time = forms.TimeField(label=_("Notified at (time)"), widget=TimeInput())
    reference = forms.CharField(
        label=_("Reference of the notification"),
        max_length=100,
        help_text=_("The number the Autoriteit Persoonsgegevens gave the notification."),
    )
    late_reasons = free_text(
        _("Reasons for the delay"),
        rows=3,
        help_text=_(
            "Required when the notification was made more than 72 hours after the "
            "discovery (AVG 33.1)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = now_initial()
        self.fields["notified_at_date"].initial = now["date"]
        self.fields["notified_at_time"].initial = now["time"]


class CloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that the incident is handled and the entry can be closed.")
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("All kinds")),
            ("unassessed", _("Not yet assessed")),
            *IncidentKind.choices,
        ],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All")),
            ("new", _("New reports")),
            ("running", _("Clock running")),
            ("overdue", _("Deadline passed")),
            ("open", _("Open")),
            ("closed", _("Closed")),
        ],
    )
    region = forms.ChoiceField(label=_("Veiligheidshuis"), required=False, choices=())

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All")), *((r.code, r.name) for r in regions)]
