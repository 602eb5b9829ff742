"""Disclosures to external partners and exports (C6, C7): the keeper's forms and the external
partner's pages."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from cases import disclosure_services, forms
from cases.constants import CasePart, Goal
from cases.models import Disclosure
from cases.views.actions import CaseActionView
from config.audit import AccessLoggedMixin, log_access
from config.pages import PAGE_SIZE
from parties.constants import PartyRole
from parties.permissions import may_act, membership_of


class DisclosureCreateView(CaseActionView):
    form_class = forms.DisclosureForm
    title = gettext_lazy("Disclose to a partner")
    intro = gettext_lazy(
        "The partner receives a copy of exactly the chosen parts as they are now, and nothing "
        "else of the case (C6)."
    )
    success_message = gettext_lazy("The disclosure has been recorded.")

    def get_form_kwargs(self):
        parties = self.participating_parties()
        return {
            **super().get_form_kwargs(),
            "partners": parties.filter(role=PartyRole.EXTERN),
            "providers": parties,
        }

    def perform(self, data):
        disclosure_services.disclose(self.case, by=self.request.user, **data)


class ExportCreateView(CaseActionView):
    form_class = forms.ExportForm
    title = gettext_lazy("Record an export")
    intro = gettext_lazy(
        "Before case data are downloaded or exported, record the permission of the party that "
        "provided them (C7)."
    )
    submit_label = gettext_lazy("Record and download")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "providers": self.participating_parties()}

    def perform(self, data):
        """Records the export, then answers with the case as a JSON file, named by its number
        only; the download is a read of the case (S2)."""
        export = disclosure_services.record_export(self.case, by=self.request.user, **data)
        content = disclosure_services.export_document(self.case, export)
        log_access(self.case)
        response = HttpResponse(
            json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="casus-{self.case.number}.json"'
        response["Cache-Control"] = "no-store"
        return response


class DisclosureListView(ListView):
    """What was disclosed to the user's party, and nothing else."""

    template_name = "cases/disclosure_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "disclosures"

    def dispatch(self, request, *args, **kwargs):
        membership = membership_of(request.user)
        if membership is None or not may_act(request.user) or not membership.party.is_external:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            disclosure_services.disclosures_for(self.request.user)
            .select_related("case", "provider")
            .distinct()
            .order_by("-disclosed_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters={}, **kwargs)


class DisclosureDetailView(AccessLoggedMixin, DetailView):
    """Exactly the copy that was disclosed; every view writes an access entry (S2)."""

    template_name = "cases/disclosure_detail.html"
    context_object_name = "disclosure"

    def get_object(self, queryset=None):
        disclosure = disclosure_services.get_disclosure_for(self.request.user, self.kwargs["pk"])
        return Disclosure.objects.select_related("provider").get(pk=disclosure.pk)

    def get_context_data(self, **kwargs):
        goals = (self.object.snapshot.get(CasePart.PLAN) or {}).get("goals", [])
        labels = dict(Goal.choices)
        return super().get_context_data(goals=[labels.get(g, g) for g in goals], **kwargs)
