"""The beheerder's page of the legal grounds (AVG 23, UAVG 41): add one, retire one, bring one
back. None is deleted. Beheerder only: 403 for everyone else."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from config.pages import add_service_errors
from rights.models import LegalGround
from rights.services import grounds as services
from rights.views.file_settings import BeheerderRequiredMixin


class GroundForm(forms.Form):
    label = forms.CharField(label=_("Ground"), max_length=300)
    article = forms.CharField(label=_("Article"), max_length=100)


class GroundListView(BeheerderRequiredMixin, FormView):
    template_name = "rights/file_settings/grounds.html"
    form_class = GroundForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(grounds=LegalGround.objects.all(), **kwargs)

    def form_valid(self, form):
        try:
            services.add_ground(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The ground has been added."))
        return redirect("rights:grounds")


class GroundInUseView(BeheerderRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        ground = get_object_or_404(LegalGround, pk=pk)
        active = request.POST.get("active") == "1"
        services.set_ground_in_use(ground, active=active, by=request.user)
        messages.success(
            request, _("The ground is in use again.") if active else _("The ground is retired.")
        )
        return redirect("rights:grounds")
