"""Disclosures to external partners and exports (C6, C7): the keeper's forms and the external
partner's pages."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from cases import disclosure_services, forms, selectors
from cases.constants import CasePart, Goal
from cases.models import Disclosure
from cases.views.actions import CaseActionView
from config.audit import ReadKind, log_reads
from config.pages import PAGE_SIZE, SortedListMixin
from config.read_audit import AccessLoggedPageMixin
from parties.constants import PartyRole


class DisclosureCreateView(CaseActionView):
    form_class = forms.DisclosureForm
    title = gettext_lazy("Disclose to a partner")
    intro = gettext_lazy(
        "The partner receives a copy of exactly the chosen parts as they are now, and nothing "
        "else of the case."
    )
    success_message = gettext_lazy("The disclosure has been recorded.")
    back_part = "cases:case-disclosures"

    def unavailable(self):
        return selectors.action_refusal(self.case, "disclose")

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
        "provided them."
    )
    submit_label = gettext_lazy("Record and download")
    back_part = "cases:case-disclosures"

    def get_case(self):
        case = selectors.visible_cases(self.request.user).filter(number=self.kwargs["number"])
        case = case.first()
        return case if case is not None and selectors.may_export(self.request.user, case) else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "providers": self.participating_parties()}

    def perform(self, data):
        """Records the export, then answers with the case as a JSON file, named by its number
        only; the download is a read of the case (S2)."""
        export = disclosure_services.record_export(self.case, by=self.request.user, **data)
        content = disclosure_services.export_document(self.case, export)
        log_reads(self.request, [self.case], kind=ReadKind.EXPORT)
        response = HttpResponse(
            json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="casus-{self.case.number}.json"'
        response["Cache-Control"] = "no-store"
        return response


class DisclosureListView(SortedListMixin, ListView):
    """What was disclosed to the user's party, and nothing else; for the keeper what it
    disclosed of the cases it keeps. Each row names the case number and the parts disclosed,
    so rows can be told apart; the latest first unless sorted otherwise."""

    template_name = "cases/disclosure_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "disclosures"
    sorts = {
        "disclosed": ("disclosed_at",),
        "case": ("case__number_order", "-disclosed_at"),
        "provider": ("provider__name", "-disclosed_at"),
    }
    default_sort = "-disclosed"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_see_disclosures(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.sorted(
            selectors.visible_disclosures(self.request.user)
            .select_related("case", "provider")
            .distinct()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters={}, **kwargs)


class DisclosureDetailView(AccessLoggedPageMixin, DetailView):
    """Exactly the copy that was disclosed, for the partner it went to and the keeper who made
    it (page and API alike); every view writes an access entry on the case (S2)."""

    template_name = "cases/disclosure_detail.html"
    context_object_name = "disclosure"

    def get_object(self, queryset=None):
        disclosure = selectors.get_visible_disclosure(self.request.user, self.kwargs["pk"])
        return Disclosure.objects.select_related("provider", "case").get(pk=disclosure.pk)

    def get_context_data(self, **kwargs):
        goals = (self.object.snapshot.get(CasePart.PLAN) or {}).get("goals", [])
        labels = dict(Goal.choices)
        return super().get_context_data(goals=[labels.get(g, g) for g in goals], **kwargs)
