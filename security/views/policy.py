"""Pages of the yearly evaluation of the security policy (S5, CTER 15.2), for the overseers
(`security.permissions.may_oversee`; 404 for everyone else)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from config.pages import PAGE_SIZE, add_service_errors
from security.forms.reviews import PolicyEvaluationForm
from security.models import PolicyEvaluation
from security.permissions import may_oversee, overseen_regions
from security.services import policy


class OverseerOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_oversee(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PolicyListView(OverseerOnlyMixin, View):
    def get(self, request):
        regions = overseen_regions(request.user)
        found = PolicyEvaluation.objects.filter(veiligheidshuis__in=regions).select_related(
            "veiligheidshuis", "evaluated_by"
        )
        page_obj = Paginator(found.order_by("-evaluated_on", "-pk"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "security/policy/list.html",
            {
                "states": policy.states_for(request.user),
                "page_obj": page_obj,
                "is_paginated": page_obj.has_other_pages(),
                "filters": {},
            },
        )


class PolicyCreateView(OverseerOnlyMixin, View):
    def form(self, data=None):
        return PolicyEvaluationForm(data, regions=overseen_regions(self.request.user))

    def get(self, request):
        return render(request, "security/policy/form.html", {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                policy.record_evaluation(
                    data["veiligheidshuis"],
                    evaluated_on=data["evaluated_on"],
                    findings=data["findings"],
                    measures=data["measures"],
                    next_on=data["next_on"],
                    by=request.user,
                )
            except PermissionDenied as error:
                raise Http404 from error
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The policy evaluation has been recorded."))
                return redirect("security:policy-list")
        return render(request, "security/policy/form.html", {"form": form}, status=400)
