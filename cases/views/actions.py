"""The keeper's changes to one case: participants, the plan and its measures, progress, related
people, closing, reopening and the check (C2, C3, C5, C9)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from cases import forms, selectors, services, transfer_services
from cases.constants import CaseStatus
from cases.views.case_page import PARTS
from cases.views.cases import (
    card_response,
    case_crumb,
    measure_cards,
    part_contents,
    progress_prefix,
    sort_notes,
    status_prefix,
)
from config.pages import add_service_errors
from subjects.restriction import reading_restricted


class CaseActionView(FormView):
    """A form about one case whose valid submission calls one service. Only for who may keep
    the case (404 for everyone else); a closed case refuses the page until it is reopened (C5)."""

    template_name = "cases/action_form.html"
    needs_status = CaseStatus.ACTIVE
    title = ""
    intro = ""
    success_message = ""
    back_part = "cases:case-detail"
    back_anchor = ""

    def unavailable(self) -> str | None:
        """Why this action cannot succeed now (the page is then not offered), or None."""
        return None

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
        refusal = self.unavailable()
        if refusal:
            messages.error(request, refusal)
            return self.back()
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        url = reverse(self.back_part, kwargs={"number": self.case.number})
        return redirect(f"{url}#{self.back_anchor}" if self.back_anchor else url)

    def participating_parties(self):
        return selectors.case_parties(self.case)

    def get_context_data(self, **kwargs):
        crumbs = [case_crumb(self.case)]
        if self.back_part != "cases:case-detail":
            part = next(p for p in PARTS if p.url_name == self.back_part)
            crumbs.append(
                {"label": part.label, "url": reverse(part.url_name, args=[self.case.number])}
            )
        return super().get_context_data(
            case=self.case,
            breadcrumbs=crumbs,
            back_url=reverse(self.back_part, kwargs={"number": self.case.number}),
            **kwargs,
        )

    def form_valid(self, form):
        self.form = form
        try:
            response = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        if self.success_message and not self.request.htmx:
            messages.success(self.request, self.success_message)
        return response or self.back()


class ParticipantCreateView(CaseActionView):
    form_class = forms.ParticipantForm
    title = gettext_lazy("Add a participant")
    intro = gettext_lazy(
        "A party of this casusoverleg, or an external partner whose confidentiality "
        "declaration is recorded, that does not take part yet."
    )
    success_message = gettext_lazy("The participant has been added.")
    back_part = "cases:case-people"

    def unavailable(self):
        return selectors.action_refusal(self.case, "participant")

    def get_form_kwargs(self):
        parties = selectors.addable_parties(self.case)
        return {**super().get_form_kwargs(), "parties": parties}

    def perform(self, data):
        services.add_participant(self.case, data["party"], by=self.request.user)


class GoalsView(CaseActionView):
    form_class = forms.GoalsForm
    title = gettext_lazy("Set the goals of the plan")
    back_part = "cases:case-plan"
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
    back_part = "cases:case-plan"
    success_message = gettext_lazy("The measure has been added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parties": self.participating_parties()}

    def perform(self, data):
        services.add_measure(self.case, by=self.request.user, **data)


class MeasureActionView(CaseActionView):
    """A change of one measure from the plan part (C3): by the keeper, the casemanager and the
    members of the owning party (404 for everyone else). With htmx the answer is the measure's
    card, changed in place (or the form again with its errors and what was typed); without
    JavaScript the same form posts here and comes back to the measure on the plan part."""

    back_part = "cases:case-plan"

    def get_case(self):
        self.measure = selectors.get_reportable_measure(
            self.request.user, self.kwargs["number"], self.kwargs["pk"]
        )
        return self.measure.case if self.measure is not None else None

    @property
    def back_anchor(self):
        return f"measure-{self.measure.pk}"

    def get_prefix(self):
        return self.prefix_of(self.measure)

    def get_initial(self):
        return {"status": self.measure.status, "version": self.measure.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(measure=self.measure, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.htmx and response.status_code == 302:
            return self.card(message=self.success_message)
        return response

    def form_invalid(self, form):
        if self.request.htmx:
            return self.card(bound=[form])
        return super().form_invalid(form)

    def card(self, *, bound=None, message=""):
        """The measure's card of the plan part, read again as the plan part reads it (R6)."""
        user, case = self.request.user, self.case
        with reading_restricted(selectors.sees_restricted(user, case)):
            prefetch_related_objects([case], *part_contents("plan"))
        sort_notes(case)
        measure = next(m for m in case.measures.all() if m.pk == self.measure.pk)
        measure.is_overdue = selectors.is_overdue(measure)
        card = measure_cards(user, case, [measure], bound=bound)[0]
        return card_response(self.request, case, card, message=message)


class ProgressCreateView(MeasureActionView):
    """Progress of a measure, and its status with it (CTER 9.4)."""

    form_class = forms.ProgressForm
    title = gettext_lazy("Report progress")
    success_message = gettext_lazy("The progress has been recorded.")
    prefix_of = staticmethod(progress_prefix)

    def perform(self, data):
        services.report_progress(
            self.measure,
            by=self.request.user,
            text=data["text"],
            status=data["status"],
            expected_version=data["version"],
        )


class MeasureStatusView(MeasureActionView):
    """A measure's status on its own (C3)."""

    form_class = forms.MeasureStatusForm
    title = gettext_lazy("Change the status of the measure")
    success_message = gettext_lazy("The status of the measure has been changed.")
    prefix_of = staticmethod(status_prefix)

    def perform(self, data):
        services.change_measure_status(
            self.measure,
            by=self.request.user,
            status=data["status"],
            expected_version=data["version"],
        )


class RelatedPersonCreateView(CaseActionView):
    form_class = forms.RelatedPersonForm
    title = gettext_lazy("Add a related person")
    back_part = "cases:case-people"
    intro = gettext_lazy("Only people the plan of approach needs, with the reason it needs them.")
    success_message = gettext_lazy("The related person has been added.")

    def perform(self, data):
        services.add_related_person(self.case, by=self.request.user, **data)


class AdviseClosingView(CaseActionView):
    form_class = forms.AdviseClosingForm
    title = gettext_lazy("Advise closing")
    intro = gettext_lazy(
        "The advice of the casusoverleg to the driehoek to close the case. After it, the case "
        "can be closed."
    )
    success_message = gettext_lazy("The advice to close has been recorded.")

    def unavailable(self):
        return selectors.action_refusal(self.case, "advise")

    def perform(self, data):
        services.advise_closing(self.case, by=self.request.user, **data)


class DecideClosingView(CaseActionView):
    """C5: closing cannot be undone but by a recorded reopening, so the page is a confirmation
    page that says what happens; offered only once the advice to the driehoek is recorded (the
    service refuses it before that as well)."""

    form_class = forms.DecideClosingForm
    template_name = "cases/close_confirm.html"
    title = gettext_lazy("Close the case")
    intro = gettext_lazy("Record the decision of the driehoek to close the case, with its reason.")
    submit_label = gettext_lazy("Close the case")
    success_message = gettext_lazy("The case has been closed.")

    def unavailable(self):
        return selectors.action_refusal(self.case, "close")

    def get_context_data(self, **kwargs):
        advice = self.case.closings.filter(decided_on__isnull=True, reopened_at__isnull=True)
        return super().get_context_data(advice=advice.first(), **kwargs)

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
    back_part = "cases:case-history"
    back_anchor = "checks"
    intro = gettext_lazy(
        "Check that the file is correct and complete. When you corrected something, say what."
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
        "there and after a check by its controller. The personal details, signals, "
        "findings, goals, measures and related people go to a new case there; both files "
        "record the copy."
    )
    submit_label = gettext_lazy("Copy the case")
    success_message = gettext_lazy("The copy has been made and recorded in both files.")
    back_part = "cases:case-disclosures"

    def unavailable(self):
        return selectors.action_refusal(self.case, "copy")

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
