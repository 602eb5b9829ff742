"""One dossier's retention (B5, B6): its state, holds and reactivations, and the keeper's
steps on it: record a hold, end one early, reactivate an archived dossier on the
controller's instruction. Each valid submission calls one service; its refusal is shown on the
form, which keeps what was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from config.pages import add_service_errors
from retention import forms
from retention.models import Hold, Reactivation
from retention.permissions import may_keep_dossier, may_see_retention
from retention.rules import next_due
from retention.services.holds import end_hold, record_hold
from retention.services.reactivation import reactivate
from retention.terms import terms_of_file
from retention.views.common import DossierMixin
from subjects import registry
from subjects.registry import DossierRef


def state_or_404(ref: DossierRef):
    try:
        state = registry.get(ref.file_label).state(ref)
    except KeyError:
        state = None
    if state is None:
        raise Http404
    return state


def dossier_crumbs(ref: DossierRef) -> list[dict]:
    """The breadcrumbs of a page under a dossier's retention page (U1)."""
    return [
        {
            "label": _("Dossier %(number)s") % {"number": ref.key},
            "url": reverse("retention:dossier", args=[ref.file_label, ref.key]),
        }
    ]


def dossier_holds(ref: DossierRef):
    return Hold.objects.filter(file_label=ref.file_label, dossier_key=ref.key).select_related(
        "recorded_by", "ended_by"
    )


class DossierView(DossierMixin, TemplateView):
    template_name = "retention/dossier.html"

    def get_context_data(self, **kwargs):
        ref, today = self.ref, timezone.localdate()
        state = state_or_404(ref)
        holds = list(dossier_holds(ref))
        for hold in holds:
            hold.in_force = hold.ended_at is None and hold.until >= today
        terms = terms_of_file(state.data_file_id)  # one query (issue 13)
        next_up = next_due(state, terms) if terms else None
        return super().get_context_data(
            state=state,
            next_up=next_up,
            holds=holds,
            held=any(hold.in_force for hold in holds),
            reactivations=Reactivation.objects.filter(
                file_label=ref.file_label, dossier_key=ref.key
            ).select_related("recorded_by"),
            dossier_url=registry.get(ref.file_label).dossier_url(ref),
            **kwargs,
        )


class DossierActionView(DossierMixin, FormView):
    template_name = "retention/dossier_action.html"
    title = ""
    intro = ""
    submit_label = _("Save")
    success_message = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", dossier_crumbs(self.ref))
        return super().get_context_data(state=state_or_404(self.ref), **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("retention:dossier", file_label=self.ref.file_label, key=self.ref.key)

    def perform(self, data):
        raise NotImplementedError


class HoldCreateView(DossierActionView):
    form_class = forms.HoldForm
    title = _("Keep the dossier longer")
    intro = _(
        "A hold keeps the dossier from being archived or destroyed until its end date. "
        "Record the reasons and the decision of the controller."
    )
    submit_label = _("Record the hold")
    success_message = _("The hold has been recorded.")

    def perform(self, data):
        record_hold(self.ref, by=self.request.user, **data)


class ReactivateView(DossierActionView):
    form_class = forms.ReactivationForm
    title = _("Reactivate the dossier")
    intro = _(
        "An archived dossier is made available again only on the instruction of the "
        "controller. Record who gave the instruction and why."
    )
    submit_label = _("Reactivate")
    success_message = _("The dossier has been reactivated.")

    def perform(self, data):
        reactivate(self.ref, by=self.request.user, **data)


class HoldEndView(FormView):
    """Ending a hold early, after a confirmation."""

    template_name = "retention/hold_end.html"
    form_class = forms.EndHoldForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not may_see_retention(request.user):
                raise PermissionDenied
            self.hold = Hold.objects.filter(pk=kwargs["pk"]).first()
            if self.hold is None:
                raise Http404
            self.ref = DossierRef(self.hold.file_label, self.hold.dossier_key)
            if not may_keep_dossier(request.user, self.ref):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", dossier_crumbs(self.ref))
        return super().get_context_data(hold=self.hold, ref=self.ref, **kwargs)

    def form_valid(self, form):
        try:
            end_hold(self.hold, by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        messages.success(self.request, _("The hold has ended."))
        return redirect("retention:dossier", file_label=self.ref.file_label, key=self.ref.key)
