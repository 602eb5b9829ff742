"""Designating the officers who handle requests under the uitvoerder's coordination (CTER 12.2,
VH 18.1). Only the uitvoerder of a Veiligheidshuis uses these pages: 404 for everyone else."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from config.pages import add_service_errors
from rights.forms.requests import OfficerForm
from rights.permissions.requests import designating_regions
from rights.services.officers import designate_officer, end_designation, officers_of


class DesignatorMixin:
    def dispatch(self, request, *args, **kwargs):
        self.regions = designating_regions(request.user)
        if not self.regions.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OfficerListView(DesignatorMixin, FormView):
    """The current officers of the uitvoerder's Veiligheidshuizen, and the form to designate
    another."""

    template_name = "rights/requests/officers.html"
    form_class = OfficerForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regions": self.regions}

    def get_context_data(self, **kwargs):
        return super().get_context_data(officers=officers_of(self.regions), **kwargs)

    def form_valid(self, form):
        try:
            designate_officer(
                by=self.request.user,
                veiligheidshuis=form.cleaned_data["veiligheidshuis"],
                user=form.cleaned_data["user"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, _("The officer has been designated."))
        return redirect("rights:request-officers")


class EndOfficerView(DesignatorMixin, TemplateView):
    """Asks for confirmation (GET), then ends the designation (POST)."""

    template_name = "rights/requests/officer_end.html"

    def get_officer(self):
        return get_object_or_404(officers_of(self.regions), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(officer=self.get_officer(), **kwargs)

    def post(self, request, *args, **kwargs):
        officer = self.get_officer()
        try:
            end_designation(officer, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404 from denied
        else:
            messages.success(request, _("The designation has ended."))
        return redirect("rights:request-officers")
