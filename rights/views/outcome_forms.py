"""Forms of the outcome pages (R5-R7). They collect input only; the services check every rule
and the views put their refusals back on these forms, which keep what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.forms import DateInput
from rights.constants import SendingMeans
from rights.models import LegalGround
from rights.outcome_constants import RectificationReason
from subjects.guard import NoForbiddenCategory

EMPTY = [("", "---------")]


def free_text(label, *, rows=5, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[NoForbiddenCategory()],
    )


class TargetForm(forms.Form):
    """`target`: a dossier or an item of it (`rights.services.outcome_items`)."""

    target = forms.ChoiceField(label=_("Dossier or item"))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = EMPTY + list(targets)


class WithholdForm(TargetForm):
    ground = forms.ModelChoiceField(
        label=_("Ground (AVG 23, UAVG 41)"), queryset=LegalGround.objects.filter(active=True)
    )
    reasons = free_text(
        _("Reasons"), help_text=_("Why this ground applies here: the letter gives them.")
    )


class ChangeForm(TargetForm):
    reason = forms.ChoiceField(
        label=_("Reason for the change"),
        choices=RectificationReason.choices,
        widget=forms.RadioSelect,
    )


class RectifyForm(ChangeForm):
    value = free_text(_("Corrected value"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].label = _("Item and field")


class RestrictForm(ChangeForm):
    restriction_reason = free_text(_("Why the item is restricted"), rows=3)


class EraseForm(ChangeForm):
    confirm = forms.BooleanField(
        label=_("I understand that the item is erased for good and cannot be brought back.")
    )


class NoticeSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput(), initial=timezone.localdate)
    means = forms.ChoiceField(label=_("Sent by"), choices=EMPTY + SendingMeans.choices)


class ObjectionForm(forms.Form):
    weighing = free_text(
        _("Weighing of interests"),
        rows=8,
        help_text=_(
            "The particular situation of the subject against the interest of the processing: "
            "what weighs, and why it decides."
        ),
    )
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("The objection is upheld")), ("no", _("The objection is rejected"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DateInput(), initial=timezone.localdate
    )
