"""The keeper's changes to one case: participants, the plan and its measures, progress, related
people, closing, reopening and the check (C2, C3, C5, C9)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from cases import forms, selectors, services, transfer_services
from cases.constants import CaseStatus
from config.pages import add_service_errors


class CaseActionView(FormView):
    """A form about one case whose valid submission calls one service. Only for who may keep
    the case (404 for everyone else); a closed case refuses the page until it is reopened (C5)."""

    template_name = "cases/action_form.html"
    needs_status = CaseStatus.ACTIVE
    title = ""
    intro = ""
    success_message = ""

    def get_case(self):
        return selectors.get_keepable_case(self.request.user, self.kwargs["number"])

    def dispatch(self, request, *args, **kwargs):
        self.case = self.get_case()
        if self.case is None:
            raise Http404
        if self.case.status == CaseStatus.ARCHIVED:  # B3, B5: the archive is not processed
            messages.error(request, selectors.archived_refusal(self.case.casusoverleg))
            return self.back()
        if self.needs_status and self.case.status != self.needs_status:
            if self.case.status == CaseStatus.CLOSED:
                message = _("This case is closed: reopen it first to change it.")
            else:
                message = _("This case cannot be changed in its present state.")
            messages.error(request, message)
            return self.back()
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("cases:case-detail", number=self.case.number)

    def participating_parties(self):
        return selectors.case_parties(self.case)

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def form_valid(self, form):
        self.form = form
        try:
            response = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response or self.back()


class ParticipantCreateView(CaseActionView):
    form_class = forms.ParticipantForm
    title = gettext_lazy("Add a participant")
    intro = gettext_lazy(
        "A party of this casusoverleg, or an external partner whose confidentiality "
        "declaration is recorded (P6)."
    )
    success_message = gettext_lazy("The participant has been added.")

    def get_form_kwargs(self):
        parties = selectors.addable_parties(self.case)
        return {**super().get_form_kwargs(), "parties": parties}

    def perform(self, data):
        services.add_participant(self.case, data["party"], by=self.request.user)


class GoalsView(CaseActionView):
    form_class = forms.GoalsForm
    title = gettext_lazy("Set the goals of the plan")
    success_message = gettext_lazy("The goals have been recorded.")

    def get_initial(self):
        return {
            "goals": list(self.case.goals.values_list("goal", flat=True)),
            "version": self.case.version,
        }

    def perform(self, data):
        services.set_goals(
            self.case, data["goals"], by=self.request.user, expected_version=data["version"]
        )


class MeasureCreateView(CaseActionView):
    form_class = forms.MeasureForm
    title = gettext_lazy("Add a measure")
    success_message = gettext_lazy("The measure has been added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parties": self.participating_parties()}

    def perform(self, data):
        services.add_measure(self.case, by=self.request.user, **data)


class ProgressCreateView(CaseActionView):
    """Progress of a measure: the keeper, the casemanager and members of the owning party."""

    form_class = forms.ProgressForm
    title = gettext_lazy("Report progress")
    success_message = gettext_lazy("The progress has been recorded.")

    def get_case(self):
        self.measure = selectors.get_reportable_measure(
            self.request.user, self.kwargs["number"], self.kwargs["pk"]
        )
        return self.measure.case if self.measure is not None else None

    def get_initial(self):
        return {"status": self.measure.status, "version": self.measure.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(measure=self.measure, **kwargs)

    def perform(self, data):
        services.report_progress(
            self.measure,
            by=self.request.user,
            text=data["text"],
            status=data["status"],
            expected_version=data["version"],
        )


class RelatedPersonCreateView(CaseActionView):
    form_class = forms.RelatedPersonForm
    title = gettext_lazy("Add a related person")
    intro = gettext_lazy("Only people the plan of approach needs (C2), with the reason.")
    success_message = gettext_lazy("The related person has been added.")

    def perform(self, data):
        services.add_related_person(self.case, by=self.request.user, **data)


class AdviseClosingView(CaseActionView):
    form_class = forms.AdviseClosingForm
    title = gettext_lazy("Advise closing")
    intro = gettext_lazy("The advice of the casusoverleg to the driehoek to close the case (C5).")
    success_message = gettext_lazy("The advice to close has been recorded.")

    def perform(self, data):
        services.advise_closing(self.case, by=self.request.user, **data)


class DecideClosingView(CaseActionView):
    form_class = forms.DecideClosingForm
    title = gettext_lazy("Close the case")
    intro = gettext_lazy(
        "The decision of the driehoek, with its reason and date. The case becomes read-only "
        "until it is reopened."
    )
    success_message = gettext_lazy("The case has been closed.")

    def perform(self, data):
        services.decide_closing(
            self.case, by=self.request.user, reason=data["reason"], decided_on=data["decided_on"]
        )


class ReopenView(CaseActionView):
    form_class = forms.ReopenForm
    needs_status = CaseStatus.CLOSED
    title = gettext_lazy("Reopen the case")
    intro = gettext_lazy("The closing stays in the file with the reason for reopening.")
    success_message = gettext_lazy("The case has been reopened.")

    def perform(self, data):
        services.reopen(self.case, by=self.request.user, reason=data["reason"])


class CheckCreateView(CaseActionView):
    form_class = forms.CheckForm
    needs_status = None
    title = gettext_lazy("Record check")
    intro = gettext_lazy(
        "Check that the file is correct and complete (C9). When you corrected something, say what."
    )
    success_message = gettext_lazy("The check has been recorded.")

    def perform(self, data):
        services.record_check(self.case, by=self.request.user, **data)


class CopyView(CaseActionView):
    """C10, VH 19 and 20.2b: the keeper gives a copy of an active case to the casusoverleg of
    the Veiligheidshuis where the subject moved, on its request and after its controller's
    recorded check; the copy is recorded on both sides."""

    form_class = forms.CopyForm
    title = gettext_lazy("Copy to the casusoverleg where the subject moved")
    intro = gettext_lazy(
        "Only when the subject moved to another Veiligheidshuis, on request of the casusoverleg "
        "there and after a check by its controller (VH 20.2b). The personal details, signals, "
        "findings, goals, measures and related people go to a new case there; both files "
        "record the copy."
    )
    submit_label = gettext_lazy("Copy the case")
    success_message = gettext_lazy("The copy has been made and recorded in both files.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "destinations": selectors.copy_destinations(self.case),
            "requesters": selectors.copy_requesters(self.case),
            "checkers": selectors.copy_checkers(self.case),
        }

    def perform(self, data):
        errors = selectors.copy_request_errors(data["to"], data["requested_by"], data["checked_by"])
        if errors:
            raise ValidationError(errors)
        data = {key: value for key, value in data.items() if key != "confirm"}
        transfer_services.copy_for_moved_subject(self.case, by=self.request.user, **data)
