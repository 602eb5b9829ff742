"""Forms of the weegploeg pages. They collect input only: every rule is checked by
`weegploeg.services`, whose refusals the views put back on these forms (fields are named like
the model fields, so a refused text shows on its own field)."""

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from cases.constants import IdentityMethod
from config.choice_fields import DossierChoiceField
from config.concurrency import VersionedForm
from config.widgets import LongCheckboxSelectMultiple
from parties import municipalities
from parties.constants import PartyRole
from parties.forms import DateInput
from parties.models import Party, Veiligheidshuis
from subjects.guard import NoForbiddenCategory
from subjects.models import PERSON_FIELDS
from weegploeg import selectors
from weegploeg.constants import WEIGHED_OUTCOMES, CheckOutcome, Finding
from weegploeg.models import Assessment, CriterionFinding

SIGNAL_FIELDS = ("brought_by", "behaviour", "observed_on", "reporter_name", "reporter_contact")


def text_area(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class IntakeForm(forms.Form):
    """A signal with the subject's NAW (W1, CTER 8.2a-c)."""

    region = forms.ModelChoiceField(
        label=_("Veiligheidshuis"), queryset=Veiligheidshuis.objects.all()
    )
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    prefix = forms.CharField(
        label=_("Name prefix"), max_length=20, required=False, help_text=_("For example: van der")
    )
    surname = forms.CharField(label=_("Surname"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput())
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        help_text=_("Only when the citizen service number is known."),
    )
    street = forms.CharField(label=_("Street"), max_length=200, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "gemeenten", "autocomplete": "off"}),
        help_text=_("Type the first letters and choose the municipality where the subject lives."),
    )
    brought_by = forms.ModelChoiceField(
        label=_("Brought in by"), queryset=Party.objects.none(), empty_label=None
    )
    behaviour = forms.CharField(
        label=_("Behaviour observed"),
        widget=text_area(6),
        help_text=_(
            "Describe what was seen or heard, as facts. Do not record race, ethnicity or "
            "nationality, nor guesses about religion or beliefs."
        ),
    )
    observed_on = forms.DateField(label=_("Observed on"), widget=DateInput())
    reporter_name = forms.CharField(label=_("Name of the reporter"), max_length=200)
    reporter_contact = forms.CharField(label=_("Contact details of the reporter"), max_length=200)

    def __init__(self, *args, regions, parties, own_party=None, **kwargs):
        """`parties`: the kernpartijen the user may enter a signal for. A member of a kernpartij
        enters for their own party only: the field is then fixed to it (W1)."""
        super().__init__(*args, **kwargs)
        if len(regions) > 1:
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]
        self.fields["brought_by"].queryset = parties
        if own_party is not None:
            self.fields["brought_by"].initial = own_party
            self.fields["brought_by"].disabled = True

    def clean_municipality(self):
        """The gemeente is picked by name from the CBS list; its code is derived here, never
        typed (`parties.municipalities`)."""
        self.picked = municipalities.check_name(self.cleaned_data["municipality"])
        return self.picked.name

    def clean(self):
        data = super().clean()
        if getattr(self, "picked", None) is not None and "municipality" in data:
            data["municipality_code"] = self.picked.code
        return data

    def person_fields(self):
        return [self[name] for name in PERSON_FIELDS if name in self.fields]

    def signal_fields(self):
        names = (("region",) if "region" in self.fields else ()) + SIGNAL_FIELDS
        return [self[name] for name in names]

    def person(self) -> dict:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}


class AnalysisForm(forms.Form):
    """A finding and an explanation for every criterion of the current referentiekader (W2)."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=text_area(),
        validators=[NoForbiddenCategory()],
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"finding_{criterion.pk}"] = forms.ChoiceField(
                label=_("Finding"), choices=[("", "---------")] + Finding.choices
            )
            self.fields[f"explanation_{criterion.pk}"] = forms.CharField(
                label=_("Explanation"), widget=text_area(3), validators=[NoForbiddenCategory()]
            )

    def criterion_fields(self):
        return [
            (criterion, self[f"finding_{criterion.pk}"], self[f"explanation_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def findings(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            criterion.pk: (data[f"finding_{criterion.pk}"], data[f"explanation_{criterion.pk}"])
            for criterion in self.criteria
        }


class InformationForm(forms.Form):
    """Information gathered for the analysis: from which party, when (CTER 7.4)."""

    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    gathered_on = forms.DateField(label=_("Gathered on"), widget=DateInput())
    content = forms.CharField(label=_("Information"), widget=text_area(6))

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class ExpertAdviceForm(forms.Form):
    """Advice asked of the NCTV or another expert (CTER 7.5)."""

    adviser = forms.CharField(label=_("Adviser"), max_length=200, initial="NCTV")
    asked_on = forms.DateField(label=_("Asked on"), widget=DateInput())
    question = forms.CharField(label=_("Question"), widget=text_area())
    advice = forms.CharField(
        label=_("Advice"),
        required=False,
        widget=text_area(),
        help_text=_("Leave empty while the answer is awaited."),
    )


class DecisionForm(forms.Form):
    """One of the two outcomes of CTER 7.4, with reasons (W3)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "---------")] + [(o.value, o.label) for o in WEIGHED_OUTCOMES],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=text_area(5))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    advice_to_driehoek = forms.CharField(
        label=_("Advice to the driehoek"),
        required=False,
        widget=text_area(),
        help_text=_("Only when the outcome is to put the subject on the driehoek's agenda."),
    )
    advised_parties = forms.ModelMultipleChoiceField(
        label=_("Casuspartijen and external partners who should take part"),
        required=False,
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that the assessment becomes read-only: it can only be changed again "
            "after a recorded reopening."
        )
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["advised_parties"].queryset = selectors.advisable_parties(region)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=text_area())
    confirm = forms.BooleanField(
        label=_("I understand that the decision stays recorded and the assessment opens again.")
    )


class CheckForm(forms.Form):
    """The periodic check of correctness and completeness (W5, CTER 8.3)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "---------")] + CheckOutcome.choices
    )
    correction = forms.CharField(
        label=_("What was corrected"),
        required=False,
        widget=text_area(),
        help_text=_("Required when something was corrected."),
    )


class MeetingForm(forms.Form):
    """A weegploeg session: date, kernpartijen present, assessments on the agenda (W7)."""

    region = forms.ModelChoiceField(
        label=_("Veiligheidshuis"), queryset=Veiligheidshuis.objects.all()
    )
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    present = forms.ModelMultipleChoiceField(
        label=_("Kernpartijen present"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    assessments = DossierChoiceField(
        label=_("Assessments on the agenda"),
        required=False,
        queryset=Assessment.objects.none(),
        widget=LongCheckboxSelectMultiple,
    )

    def __init__(self, *args, regions, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        if len(regions) > 1:
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]
        self.fields["present"].queryset = (
            Party.objects.active_on(timezone.localdate())
            .filter(veiligheidshuizen__in=regions, role=PartyRole.KERNPARTIJ)
            .distinct()
            .order_by("name")
        )
        self.fields["assessments"].queryset = assessments


class DiscussionForm(VersionedForm):
    """Carries the version of the meeting: the record of its discussions is edited as a whole."""

    discussion = forms.CharField(
        label=_("What was discussed and decided"), required=False, widget=text_area()
    )


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


class FrameworkNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Earlier analyses keep the version they were made with."),
    )


class AgenderingForm(forms.Form):
    """W6, C12: which casusoverleg, which signals and findings go along as copies, and how the
    subject's identity was established."""

    casusoverleg = forms.ModelChoiceField(label=_("Casusoverleg"), queryset=None)
    signals = forms.ModelMultipleChoiceField(
        label=_("Signals that go along"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings of the analysis that go along"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    identity_method = forms.ChoiceField(
        label=_("Identity established by"),
        choices=[("", "---------")] + IdentityMethod.choices,
    )
    identity_note = forms.CharField(
        label=_("Explanation of the identification"),
        required=False,
        widget=text_area(3),
        validators=[NoForbiddenCategory()],
        help_text=_("Required when the identity was established in another way."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that the chosen data go to the ICO file as a copy and that the "
            "transfer is recorded in both files."
        )
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        # U3: only the casusoverleggen that fit the file now (the service refuses others).
        self.fields["casusoverleg"].queryset = selectors.fitting_casusoverleggen(assessment)
        self.fields["signals"].queryset = assessment.signals.select_related("brought_by").order_by(
            "observed_on", "pk"
        )
        self.fields["signals"].label_from_instance = signal_label
        self.fields["findings"].queryset = (
            CriterionFinding.objects.filter(analysis__assessment=assessment)
            .select_related("criterion", "analysis__framework")
            .order_by("-analysis__recorded_at", "criterion__order", "pk")
        )
        self.fields["findings"].label_from_instance = finding_label
        if not self.is_bound:
            self.initial.setdefault("signals", list(self.fields["signals"].queryset))


def signal_label(signal) -> str:
    return _("%(date)s, brought in by %(party)s: %(behaviour)s") % {
        "date": date_format(signal.observed_on, "d-m-Y"),
        "party": signal.brought_by.name,
        "behaviour": signal.behaviour,
    }


def finding_label(finding) -> str:
    return _("Framework version %(version)s, %(code)s %(title)s: %(finding)s") % {
        "version": finding.analysis.framework.number,
        "code": finding.criterion.code,
        "title": finding.criterion.title,
        "finding": finding.get_finding_display(),
    }
