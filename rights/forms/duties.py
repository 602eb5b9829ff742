"""Forms of the duty pages (I1-I4). They collect input only: every rule is checked by
`rights.services.duties` and `rights.services.letters`, whose refusals the views put back on
these forms (fields are named like the services' arguments)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parties.forms import DateInput
from rights.constants import DutyState, SendingMeans
from rights.models import LegalGround
from subjects.guard import NoForbiddenCategory

EMPTY = [("", "---------")]


def free_text(label, *, rows=4, **kwargs):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[NoForbiddenCategory()],
        **kwargs,
    )


class GroundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, ground):
        return f"{ground.label} ({ground.article})"


class PostponeForm(forms.Form):
    ground = GroundChoiceField(
        label=_("Ground (AVG 23, UAVG 41)"), queryset=LegalGround.objects.filter(active=True)
    )
    reasons = free_text(_("Reasons"))
    review_on = forms.DateField(label=_("Look again on"), widget=DateInput())


class LiftForm(forms.Form):
    lapsed_on = forms.DateField(label=_("The ground lapsed on"), widget=DateInput())


class InformedForm(forms.Form):
    informed_on = forms.DateField(label=_("Informed on"), widget=DateInput())
    means = forms.ChoiceField(label=_("Informed by"), choices=EMPTY + SendingMeans.choices)
    confirm = forms.BooleanField(
        label=_("I understand that this is final: the duty cannot be changed afterwards.")
    )


class NotRequiredForm(forms.Form):
    reason = free_text(_("Why informing is not required"))
    confirm = forms.BooleanField(
        label=_("I understand that this is final: the duty cannot be changed afterwards.")
    )


class SentForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    means = forms.ChoiceField(label=_("Sent by"), choices=EMPTY + SendingMeans.choices)
    confirm = forms.BooleanField(
        label=_("I understand that this records the person as informed, which is final.")
    )


class DutyFilterForm(forms.Form):
    """The filters of the list: in the URL, as they say nothing about a person."""

    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states"))] + DutyState.choices, required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    file = forms.ModelChoiceField(
        label=_("File"), queryset=None, required=False, empty_label=_("All files")
    )

    def __init__(self, *args, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].queryset = files
