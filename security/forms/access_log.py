"""Forms of the access-log review (S2): the filters of the log and the sign-off of a period.
They collect input only; the choices come from `security.selectors.access_log` and the rules
of the sign-off from `security.services.access_review`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.choice_fields import ChoicePairs
from config.widgets import LongSelect
from parties.forms import DateInput
from security.selectors.access_log import READ_KINDS, Filters, filter_choices
from subjects.guard import NoForbiddenCategory

READ_KIND_LABELS = {
    "detail": _("Read: a detail page"),
    "list": _("Read: a list"),
    "search": _("Read: a search result"),
    "action": _("Read: in an action"),
    "export": _("Read: an export or download"),
}
ACTION_CHOICES = [
    ("", _("Every kind")),
    ("read", _("Every read")),
    *[(f"read-{kind}", READ_KIND_LABELS[kind]) for kind in READ_KINDS],
    ("create", _("Created")),
    ("update", _("Changed")),
    ("delete", _("Deleted")),
]


class ListChoiceField(forms.ChoiceField):
    """A choice of one of `objects`, a list read once (`filter_choices`): its choices and what
    is sent is checked against without a query of their own (issue 13). Cleans to the object,
    like a ModelChoiceField. Its options are rendered in one pass (`LongSelect`)."""

    widget = LongSelect
    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {}

    def set_objects(self, objects, *, empty_label) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = ChoicePairs(
            [("", empty_label)]
            + [(key, self.label_from_instance(obj)) for key, obj in self.objects.items()]
        )

    def label_from_instance(self, obj) -> str:
        return str(obj)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.objects.get(str(value))
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class UserChoiceField(ListChoiceField):
    def label_from_instance(self, obj):
        name = obj.full_name or obj.username
        return f"{name} ({obj.party_name})" if obj.party_name else name


class AccessLogFilterForm(forms.Form):
    user = UserChoiceField(label=_("User"), required=False)
    party = ListChoiceField(label=_("Party"), required=False)
    data_file = ListChoiceField(label=_("File"), required=False)
    dossier = forms.CharField(label=_("Dossier number"), max_length=40, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    action = forms.ChoiceField(label=_("Kind of action"), choices=ACTION_CHOICES, required=False)
    unusual = forms.BooleanField(label=_("Only unusual reads"), required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices(viewer)
        for name, objects in (
            ("user", choices["users"]),
            ("party", choices["parties"]),
            ("data_file", choices["files"]),
        ):
            self.fields[name].set_objects(objects, empty_label=_("All"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            user=data.get("user"),
            party=data.get("party"),
            data_file=data.get("data_file"),
            dossier=(data.get("dossier") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            action=data.get("action") or "",
            unusual=bool(data.get("unusual")),
        )


class SignOffForm(forms.Form):
    findings = forms.CharField(
        label=_("Findings"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[NoForbiddenCategory()],
        help_text=_(
            "What the review found: the unusual reads looked into and their explanation, "
            "measures taken. Name dossiers by their number, not people by their name."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I have reviewed the access log of this period and sign off the review.")
    )
