"""Forms of the retention pages (B2-B6). They collect input only: the rules are checked by the
services (`retention.services`), whose refusals the views put back on these forms (fields
are named like the services' arguments), which keep what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parties.constants import FileKind
from parties.forms import DateInput
from retention.constants import ArchiveFrom
from subjects import registry
from subjects.guard import NoForbiddenCategory


def free_text(label, *, rows=4, **kwargs):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[NoForbiddenCategory()],
        **kwargs,
    )


def months(label, **kwargs):
    return forms.IntegerField(label=label, min_value=1, max_value=1200, **kwargs)


class HoldForm(forms.Form):
    reasons = free_text(_("Reasons for keeping the dossier longer"))
    controller_decision = free_text(_("Decision of the controller"), rows=3)
    until = forms.DateField(label=_("Held until"), widget=DateInput())


class EndHoldForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the dossier is then archived or destroyed by its terms again.")
    )


class ReactivationForm(forms.Form):
    instructed_by = forms.CharField(
        label=_("Instructed by (the controller)"),
        max_length=200,
        help_text=_("The name and function of who gave the instruction for the controller."),
    )
    reason = free_text(_("Reason"))


class TermsForm(forms.Form):
    archive_after_months = months(_("To the archive after (months)"))
    archive_from = forms.ChoiceField(label=_("The archive term runs from"), choices=ArchiveFrom)
    destroy_after_months = months(
        _("Destroyed after (months after the last processing)"),
        help_text=_("Longer than the archive term: data are archived before they are destroyed."),
    )
    not_agendered_destroy_after_months = months(
        _("Not put on the agenda: destroyed after (months after the decision)"),
        required=False,
        help_text=_(
            "For a subject the casusoverleg decided not to put on the agenda. Leave empty where "
            "the file's covenant sets no such term."
        ),
    )


class FindDossierForm(forms.Form):
    """A dossier by its file and number (not personal data): its retention page."""

    file_label = forms.ChoiceField(label=_("File"), choices=())
    # A number only (W-2026-00001): a name typed here must not reach the URL.
    number = forms.RegexField(
        label=_("Dossier number"),
        max_length=40,
        regex=r"^\s*[A-Za-z]{1,4}-\d{4}-\d{1,10}\s*$",
        help_text=_("For example W-2026-00001."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file_label"].choices = [
            (file.label, dict(FileKind.choices).get(file.label, file.label))
            for file in registry.files()
        ]
