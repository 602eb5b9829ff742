"""The handler's steps on one duty (I1-I4): postpone or renew, the ground lapsed, informed,
not required, make the letter, record its sending, and read a letter. Each valid submission
calls one service; its refusal is shown on the form, which keeps what was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from config.pages import add_service_errors
from rights.forms import duties as forms
from rights.permissions.duties import may_handle_duty
from rights.services import duties as services
from rights.services import letters
from rights.views.duties import DutiesMixin, get_visible_duty


class DutyActionView(DutiesMixin, FormView):
    """A form about one duty, for who may handle it (404 for who may not see it, 403 for who
    sees but may not handle it)."""

    template_name = "rights/duties/duty_action.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Save")
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.duty = get_visible_duty(request.user, kwargs["pk"])
            if not may_handle_duty(request.user, self.duty):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("rights:duty-detail", pk=self.duty.pk)

    def get_context_data(self, **kwargs):
        crumb = {
            "label": _("Duty to inform %(number)s") % {"number": self.duty.pk},
            "url": reverse("rights:duty-detail", args=[self.duty.pk]),
        }
        kwargs.setdefault("breadcrumbs", [crumb])
        return super().get_context_data(duty=self.duty, **kwargs)

    def form_valid(self, form):
        try:
            response = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response or self.back()

    def perform(self, data):
        raise NotImplementedError


class PostponeView(DutyActionView):
    form_class = forms.PostponeForm
    title = gettext_lazy("Postpone informing")
    intro = gettext_lazy(
        "Informing may be postponed only on a ground of AVG 23 (UAVG 41), with the reasons and "
        "a date to look again. A renewal needs new reasons; earlier ones are kept."
    )
    success_message = gettext_lazy("The postponement has been recorded.")

    def perform(self, data):
        services.postpone(self.duty, by=self.request.user, **data)


class LiftView(DutyActionView):
    form_class = forms.LiftForm
    title = gettext_lazy("The ground has lapsed")
    intro = gettext_lazy(
        "Once the ground lapses the person is informed, also where no measures follow."
    )
    success_message = gettext_lazy("The postponement has ended: inform the person now.")

    def get_initial(self):
        return {"lapsed_on": timezone.localdate()}

    def perform(self, data):
        services.lift_postponement(self.duty, by=self.request.user, **data)


class InformedView(DutyActionView):
    form_class = forms.InformedForm
    title = gettext_lazy("Record that the person was informed")
    submit_label = gettext_lazy("Record as informed")
    success_message = gettext_lazy("The person has been recorded as informed.")

    def get_initial(self):
        return {"informed_on": timezone.localdate()}

    def perform(self, data):
        services.record_informed(
            self.duty, informed_on=data["informed_on"], means=data["means"], by=self.request.user
        )


class NotRequiredView(DutyActionView):
    form_class = forms.NotRequiredForm
    title = gettext_lazy("Informing is not required")
    intro = gettext_lazy(
        "Only where AVG 14.5 applies: the person has the information already, or informing is "
        "impossible or would take a disproportionate effort. Give the reasons."
    )
    submit_label = gettext_lazy("Record as not required")
    success_message = gettext_lazy("Recorded: informing is not required.")

    def perform(self, data):
        services.record_not_required(self.duty, reason=data["reason"], by=self.request.user)


class LetterCreateView(DutiesMixin, View):
    """POST only: make the letter (I4) and go back to the duty, where it can be read."""

    http_method_names = ["post"]

    def post(self, request, pk):
        duty = get_visible_duty(request.user, pk)
        if not may_handle_duty(request.user, duty):
            raise PermissionDenied
        try:
            letters.make_information_letter(duty, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The letter has been made. Read it, then send it."))
        return redirect("rights:duty-detail", pk=duty.pk)


class LetterSentView(DutyActionView):
    form_class = forms.SentForm
    title = gettext_lazy("Record the sending of the letter")
    submit_label = gettext_lazy("Record the sending")
    success_message = gettext_lazy("The sending has been recorded; the person is informed.")

    def get_letter(self):
        letter = self.duty.letters.filter(pk=self.kwargs["letter"]).first()
        if letter is None:
            raise Http404
        return letter

    def get_initial(self):
        return {"sent_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(letter=self.get_letter(), **kwargs)

    def perform(self, data):
        letters.record_sending(
            self.get_letter(), sent_on=data["sent_on"], means=data["means"], by=self.request.user
        )


class LetterDownloadView(DutiesMixin, View):
    """A letter as PDF, for who may see the duty; the read is logged against the dossier (S2).
    The file name holds the duty's number only."""

    def get(self, request, pk, letter):
        duty = get_visible_duty(request.user, pk)
        try:
            found = letters.letter_for_reading(request.user, duty, letter)
        except LookupError as missing:
            raise Http404 from missing
        response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
        name = f"informatiebrief-{duty.pk}-{found.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
