"""The steps of a request after its intake (R2, R3, U3): identity, the dossiers found and
confirmed, the extension and its letter, answered and withdrawn. Each page calls one service;
every step past the intake is refused until the identity is recorded (R2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from config.audit import ReadKind
from rights.constants import LetterKind
from rights.forms import requests as forms
from rights.services import extension, intake, requests
from rights.services.request_audit import log_request_read
from rights.views.requests import RequestActionView, RequestMixin
from subjects.registry import DossierRef


def _refused(request, error: ValidationError):
    messages.error(request, " ".join(error.messages))


class IdentityView(RequestActionView):
    form_class = forms.IdentityForm
    title = _("Establish the identity")
    intro = _(
        "Record how the identity of the requester was established before anything is searched "
        "or disclosed. No copy of an identity document is kept: only how, by whom "
        "and when."
    )
    success_message = _("The identity has been recorded. Now find the person's dossiers.")
    needs_identity = False

    def perform(self, data):
        intake.record_identity(
            self.subject_request,
            by=self.request.user,
            method=data["method"],
            note=data["note"],
            expected_version=data["version"],
        )


class CandidatesView(RequestMixin, TemplateView):
    """The dossiers found for the person in every file of the request's Veiligheidshuis, for the
    handler to confirm each match. Refused before the identity is recorded (R2)."""

    template_name = "rights/requests/candidates.html"

    def get(self, request, *args, **kwargs):
        try:
            self.candidates = requests.find_candidates(self.subject_request, by=request.user)
        except ValidationError as error:
            _refused(request, error)
            return self.back()
        except PermissionDenied as denied:
            raise Http404 from denied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            candidates=self.candidates,
            version=self.subject_request.version,
            closed=self.subject_request.is_closed,
            **kwargs,
        )


class ConfirmDossierView(RequestMixin, View):
    """POST only: the handler confirms that a dossier found is about the requester."""

    def post(self, request, *args, **kwargs):
        form = forms.DossierForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The dossier could not be confirmed: try again."))
            return redirect("rights:request-candidates", number=self.subject_request.number)
        data = form.cleaned_data
        ref = DossierRef(data["file_label"], data["dossier_key"])
        try:
            requests.confirm_dossier(
                self.subject_request, ref, by=request.user, expected_version=data["version"]
            )
        except ValidationError as error:
            _refused(request, error)
            return redirect("rights:request-candidates", number=self.subject_request.number)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(
            request, _("Dossier %(key)s is confirmed for this request.") % {"key": ref.key}
        )
        return redirect("rights:request-candidates", number=self.subject_request.number)


class UnconfirmDossierView(RequestActionView):
    """Take back a confirmed match, after a confirmation (the request no longer covers it)."""

    form_class = forms.DossierForm
    title = _("Take back a confirmed dossier")
    intro = _("The request will no longer cover this dossier. Its deadline is computed again.")
    success_message = _("The dossier is no longer covered by this request.")
    submit_label = _("Take back")

    def get_initial(self):
        return {
            **super().get_initial(),
            "file_label": self.kwargs["file_label"],
            "dossier_key": self.kwargs["dossier_key"],
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(shown_dossier=self.kwargs["dossier_key"], **kwargs)

    def perform(self, data):
        requests.unconfirm_dossier(
            self.subject_request,
            DossierRef(self.kwargs["file_label"], self.kwargs["dossier_key"]),
            by=self.request.user,
            expected_version=data["version"],
        )


class ExtensionView(RequestActionView):
    form_class = forms.ExtensionForm
    title = _("Extend the term by two months")
    intro = _(
        "Only while the first term runs, with the reasons (AVG 12.3). A letter to the requester "
        "is made; record when it was sent."
    )
    success_message = _("The term has been extended and the letter to the requester made.")

    def perform(self, data):
        extension.extend_term(
            self.subject_request,
            by=self.request.user,
            reasons=data["reasons"],
            expected_version=data["version"],
        )


class LetterView(RequestMixin, View):
    """The extension letter as PDF (a read of the request: access-logged)."""

    def get(self, request, *args, **kwargs):
        if not self.subject_request.identity_established:
            raise Http404
        letter = get_object_or_404(
            self.subject_request.letters, pk=kwargs["pk"], kind=LetterKind.EXTENSION
        )
        log_request_read(request, self.subject_request, kind=ReadKind.EXPORT)
        response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
        filename = f"verlenging-{self.subject_request.number}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class LetterSentView(RequestActionView):
    form_class = forms.LetterSentForm
    title = _("Record the sending of the letter")
    success_message = _("The sending of the letter has been recorded.")
    versioned = False

    def get_initial(self):
        return {"sent_on": timezone.localdate()}

    def perform(self, data):
        letter = get_object_or_404(
            self.subject_request.letters, pk=self.kwargs["pk"], kind=LetterKind.EXTENSION
        )
        extension.record_letter_sent(
            letter, by=self.request.user, sent_on=data["sent_on"], means=data["means"]
        )


class AnsweredView(RequestActionView):
    form_class = forms.AnsweredForm
    title = _("Mark the request as answered")
    intro = _("After this the request cannot be changed and no more reminders go out.")
    success_message = _("The request has been marked as answered.")

    def get_initial(self):
        return {**super().get_initial(), "answered_on": timezone.localdate()}

    def perform(self, data):
        requests.mark_answered(
            self.subject_request,
            by=self.request.user,
            answered_on=data["answered_on"],
            expected_version=data["version"],
        )


class WithdrawnView(RequestActionView):
    form_class = forms.WithdrawnForm
    title = _("Record that the request was withdrawn")
    intro = _("The requester withdrew the request. After this it cannot be changed.")
    success_message = _("The request has been recorded as withdrawn.")
    submit_label = _("Withdraw the request")
    needs_identity = False

    def get_initial(self):
        return {**super().get_initial(), "withdrawn_on": timezone.localdate()}

    def perform(self, data):
        requests.withdraw(
            self.subject_request,
            by=self.request.user,
            withdrawn_on=data["withdrawn_on"],
            expected_version=data["version"],
        )
