"""The filter of management information (U6): Veiligheidshuis, casusoverleg and whole months.
The choices are the user's own regions and their casusoverleggen only
(`insights.permissions`); what was typed stays on the form with its error."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insights.permissions import insight_files, insight_regions
from parties.constants import FileKind

MAX_MONTHS = 60


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


def month_field(label):
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m"],
        widget=MonthInput(),
        help_text=_("A month, as 2026-11."),
        error_messages={"invalid": _("Give a month as year and month, for example 2026-11.")},
    )


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this month included."""
    today = today or timezone.localdate()
    last = today.replace(day=1)
    return last - relativedelta(months=11), last


class FiguresFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Veiligheidshuis"), queryset=None, required=False, empty_label=_("All")
    )
    casusoverleg = forms.ModelChoiceField(
        label=_("Casusoverleg"), queryset=None, required=False, empty_label=_("All")
    )
    first = month_field(_("From month"))
    last = month_field(_("Up to and including month"))

    def __init__(self, user, data=None):
        first, last = default_period()
        super().__init__(data, initial={"first": first, "last": last})
        self.fields["region"].queryset = insight_regions(user).order_by("name")
        self.fields["casusoverleg"].queryset = (
            insight_files(user).filter(kind=FileKind.ICO).order_by("veiligheidshuis__name", "name")
        )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            if first > last:
                self.add_error("last", _("The last month comes on or after the first."))
            elif relativedelta(last, first).years * 12 + relativedelta(last, first).months >= (
                MAX_MONTHS
            ):
                self.add_error("last", _("Choose at most 60 months."))
        region, overleg = cleaned.get("region"), cleaned.get("casusoverleg")
        if region and overleg and overleg.veiligheidshuis_id != region.pk:
            self.add_error("casusoverleg", _("This casusoverleg is not of that Veiligheidshuis."))
        return cleaned
