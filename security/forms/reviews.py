"""Forms of the authorisation reviews (P4), the suspended accounts and the policy evaluation
(S5). They collect input only: the rules are in the services, whose refusals the views put back
on these forms (fields named like the services' arguments), which keep what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parties.forms import DateInput
from security.models import ReviewDecision
from security.services.authorisation_reviews import (
    authorisation_key,
    function_key,
)
from subjects.guard import NoForbiddenCategory


def free_text(label, *, rows=3, **kwargs):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[NoForbiddenCategory()],
        **kwargs,
    )


class ReviewForm(forms.Form):
    """One keep/revoke choice and a reason per function and file authorisation of the rows
    (`security.services.authorisation_reviews.review_rows`), and the remarks."""

    remarks = free_text(_("Remarks"), required=False)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.keys = []
        for row in rows:
            for grant in row.functions:
                self._add(function_key(grant))
            for authorisation in row.authorisations:
                self._add(authorisation_key(authorisation))

    def _add(self, key: str) -> None:
        self.keys.append(key)
        self.fields[f"decision_{key}"] = forms.ChoiceField(
            label=_("Decision"),
            choices=ReviewDecision.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose keep or revoke.")},
        )
        self.fields[f"reason_{key}"] = forms.CharField(
            label=_("Reason for revoking"),
            required=False,
            max_length=1000,
            validators=[NoForbiddenCategory()],
        )

    def clean(self):
        data = super().clean()
        for key in self.keys:
            if (
                data.get(f"decision_{key}") == ReviewDecision.REVOKE
                and not (data.get(f"reason_{key}") or "").strip()
            ):
                self.add_error(f"reason_{key}", _("Give the reason for revoking."))
        return data

    def decisions(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            key: (data[f"decision_{key}"], data.get(f"reason_{key}") or "") for key in self.keys
        }

    def add_service_errors(self, error) -> None:
        """The service's refusals, per item key on the item's decision; the rest on the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            name = f"decision_{key}"
            self.add_error(name if name in self.fields else None, errors)


class ReinstateForm(forms.Form):
    reason = free_text(_("Reason for reinstating"))


class PolicyEvaluationForm(forms.Form):
    veiligheidshuis = forms.ModelChoiceField(label=_("Veiligheidshuis"), queryset=None)
    evaluated_on = forms.DateField(label=_("Evaluated on"), widget=DateInput())
    findings = free_text(_("Findings"), rows=5)
    measures = free_text(_("Measures"), rows=4, required=False)
    next_on = forms.DateField(
        label=_("Next evaluation on"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: a year after this evaluation."),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veiligheidshuis"].queryset = regions
