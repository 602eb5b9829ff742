"""The uitvoerder's changes to one dossier: analysis, information, expert advice, decision,
reopening, agendering and check (W2, W3, W5, W6)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from config.pages import add_service_errors
from weegploeg import forms, next_steps, selectors, services
from weegploeg.constants import AssessmentStatus
from weegploeg.services._common import ARCHIVED_REFUSAL
from weegploeg.views.elsewhere import dossier_offers

OPEN, DECIDED = AssessmentStatus.OPEN, AssessmentStatus.DECIDED


class AssessmentActionView(FormView):
    """A form about one dossier whose valid submission calls one service. Only for who may keep
    the dossier (404 for everyone else); `needs_status` refuses the page in the wrong state,
    so a decided assessment changes only after a recorded reopening (W3)."""

    needs_status = OPEN
    success_message = ""
    # U1: after the change, the part of the dossier that shows it (its URL name)
    changed_part = "weegploeg:assessment-detail"
    action = ""  # the key in `next_steps.dossier_state`: the page opens only when it is offered

    def dispatch(self, request, *args, **kwargs):
        self.assessment = selectors.get_keepable_assessment(request.user, kwargs["number"])
        if self.assessment is None:
            raise Http404
        if self.assessment.archived_at is not None:  # B3, B5: the archive is not processed
            messages.error(request, ARCHIVED_REFUSAL)
            return self.back()
        if self.needs_status and self.assessment.status != self.needs_status:
            if self.assessment.is_decided:
                message = _("This assessment has been decided: reopen it first to change it.")
            else:
                message = _("This assessment is not decided.")
            messages.error(request, message)
            return self.back()
        refused = self.refusal()
        # U3: what the dossier page does not offer now, its form refuses too.
        offered = not self.action or next_steps.may_do(request.user, self.assessment, self.action)
        if refused is None and not offered:
            messages.error(request, _("This cannot be done with this dossier now."))
            refused = self.back()
        return refused or super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """A response that refuses the page before it is shown, or None."""
        return None

    def back(self):
        return redirect("weegploeg:assessment-detail", number=self.assessment.number)

    def get_context_data(self, **kwargs):
        overview = reverse("weegploeg:assessment-detail", kwargs={"number": self.assessment.number})
        breadcrumbs = [
            {"label": _("Dossier %(number)s") % {"number": self.assessment.number}, "url": overview}
        ]
        return super().get_context_data(
            assessment=self.assessment, breadcrumbs=breadcrumbs, **kwargs
        )

    def form_valid(self, form):
        self.form = form
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, self.success_message)
        return redirect(self.changed_part, number=self.assessment.number)


class AnalysisCreateView(AssessmentActionView):
    changed_part = "weegploeg:assessment-analysis"
    action = next_steps.ANALYSE
    template_name = "weegploeg/analysis_form.html"
    form_class = forms.AnalysisForm
    success_message = gettext_lazy("The analysis has been recorded.")

    def refusal(self):
        try:
            self.framework = services.current_framework()
        except ValidationError as error:
            messages.error(self.request, error.messages[0])
            return self.back()
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.framework.criteria.all()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework=self.framework, **kwargs)

    def perform(self, data):
        services.record_analysis(
            self.assessment,
            by=self.request.user,
            findings=self.form.findings(),
            summary=data["summary"],
        )


class InformationCreateView(AssessmentActionView):
    changed_part = "weegploeg:assessment-analysis"
    action = next_steps.INFORMATION
    template_name = "weegploeg/action_form.html"
    form_class = forms.InformationForm
    title = gettext_lazy("Add information")
    success_message = gettext_lazy("The information has been recorded.")

    def get_form_kwargs(self):
        parties = selectors.region_parties(self.assessment.veiligheidshuis)
        return {**super().get_form_kwargs(), "parties": parties}

    def perform(self, data):
        services.add_information(self.assessment, by=self.request.user, **data)


class ExpertAdviceCreateView(AssessmentActionView):
    changed_part = "weegploeg:assessment-analysis"
    action = next_steps.ADVICE
    template_name = "weegploeg/action_form.html"
    form_class = forms.ExpertAdviceForm
    title = gettext_lazy("Record expert advice")
    success_message = gettext_lazy("The expert advice has been recorded.")

    def perform(self, data):
        services.record_expert_advice(self.assessment, by=self.request.user, **data)


class DecisionCreateView(AssessmentActionView):
    changed_part = "weegploeg:assessment-analysis"
    action = next_steps.DECIDE
    template_name = "weegploeg/action_form.html"
    form_class = forms.DecisionForm
    title = gettext_lazy("Decide")
    intro = gettext_lazy(
        "One of the two outcomes of the weighing, with reasons. The decision makes the assessment "
        "read-only and starts the duty to inform for each kernpartij that brought a signal."
    )
    success_message = gettext_lazy(
        "The decision has been recorded; the assessment is now read-only."
    )

    def refusal(self):
        if not self.assessment.analyses.exists():
            messages.error(self.request, _("Record the analysis before deciding."))
            return self.back()
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "region": self.assessment.veiligheidshuis}

    def perform(self, data):
        services.decide(
            self.assessment,
            by=self.request.user,
            outcome=data["outcome"],
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            advice_to_driehoek=data["advice_to_driehoek"],
            advised_parties=data["advised_parties"],
        )


class ReopenView(AssessmentActionView):
    changed_part = "weegploeg:assessment-analysis"
    action = next_steps.REOPEN
    template_name = "weegploeg/action_form.html"
    form_class = forms.ReopenForm
    needs_status = DECIDED
    title = gettext_lazy("Reopen the assessment")
    intro = gettext_lazy(
        "The decision stays in the dossier with the reason for reopening. The assessment can be "
        "changed again and needs a new decision."
    )
    success_message = gettext_lazy("The assessment has been reopened.")

    def perform(self, data):
        services.reopen(self.assessment, by=self.request.user, reason=data["reason"])


class AgenderingView(AssessmentActionView):
    """W6, C12: put a decided "agenderen" assessment on the agenda of a casusoverleg. Lands on
    the new case."""

    action = next_steps.TRANSFER
    template_name = "weegploeg/agendering_form.html"
    form_class = forms.AgenderingForm
    needs_status = DECIDED
    title = gettext_lazy("Put on the agenda of a casusoverleg")
    intro = gettext_lazy(
        "The chosen signals and findings go to a new case in the ICO file as a copy, with the "
        "subject's name, address and date of birth. The parties the weegploeg advised take "
        "part in the case. The transfer is recorded in both files."
    )
    success_message = gettext_lazy("The case has been opened in the ICO file.")

    def refusal(self):
        if not services.is_to_be_agendered(self.assessment):
            messages.error(
                self.request, _('Only an assessment decided as "agenderen" is put on the agenda.')
            )
            return self.back()
        if not selectors.fitting_casusoverleggen(self.assessment).exists():
            messages.error(
                self.request,
                _("Every casusoverleg of this Veiligheidshuis has received this decision."),
            )
            return self.back()
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def get_context_data(self, **kwargs):
        # K1: "bekend elders?" from the ICO file of each casusoverleg it can go to
        offers = dossier_offers(self.request.user, self.assessment, agendering=True)
        return super().get_context_data(known_elsewhere=offers, **kwargs)

    def perform(self, data):
        self.case = services.agendeer(
            self.assessment,
            by=self.request.user,
            casusoverleg=data["casusoverleg"],
            signal_ids=[row.pk for row in data["signals"]],
            finding_ids=[row.pk for row in data["findings"]],
            identity_method=data["identity_method"],
            identity_note=data["identity_note"],
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        if not hasattr(self, "case"):
            return response
        left_out = ", ".join(party.name for party in self.case.parties_left_out)
        if left_out:
            messages.warning(
                self.request,
                _(
                    "These parties cannot take part yet and were left out: %(parties)s. Add "
                    "them to the case once they can."
                )
                % {"parties": left_out},
            )
        return redirect("cases:case-detail", number=self.case.number)


class CheckCreateView(AssessmentActionView):
    changed_part = "weegploeg:assessment-history"
    action = next_steps.CHECK
    template_name = "weegploeg/action_form.html"
    form_class = forms.CheckForm
    needs_status = None
    title = gettext_lazy("Record check")
    intro = gettext_lazy(
        "Check that the dossier is correct and complete. When you corrected something, say what."
    )
    success_message = gettext_lazy("The check has been recorded.")

    def perform(self, data):
        services.record_check(self.assessment, by=self.request.user, **data)
