"""The beheerder's pages about parties (P1, P2, P6). Thin: every change is a call to
`parties.services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from config.pages import PAGE_SIZE, SortedListMixin, add_service_errors
from parties import forms, services
from parties.constants import PartyKind, PartyRole
from parties.models import Membership, Party
from parties.permissions import is_beheerder


class BeheerderRequiredMixin:
    """Configuration of the beheerder (parties, users, the referentiekader W2), not personal
    data: 403 for everyone else."""

    def dispatch(self, request, *args, **kwargs):
        if not is_beheerder(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PartyListView(BeheerderRequiredMixin, SortedListMixin, ListView):
    """The parties, by name unless another column is chosen (U1)."""

    template_name = "parties/party_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "parties"
    sorts = {
        "name": ("name",),
        "kind": ("kind", "name"),
        "role": ("role", "name"),
        "joined": ("joined_on", "name"),
    }
    default_sort = "name"

    def get_queryset(self):
        parties = self.sorted(Party.objects.prefetch_related("veiligheidshuizen"))
        self.search = forms.SearchForm(self.request.GET)
        query = self.search.cleaned_data["q"] if self.search.is_valid() else ""
        if query:
            parties = parties.filter(Q(name__icontains=query) | Q(municipality_code=query))
        kind = self.request.GET.get("kind", "")
        if kind in PartyKind.values:
            parties = parties.filter(kind=kind)
        role = self.request.GET.get("role", "")
        if role in PartyRole.values:
            parties = parties.filter(role=role)
        self.filters = {"q": query, "kind": kind, "role": role}
        return parties

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search=self.search,
            filters=self.filters,
            kinds=PartyKind.choices,
            roles=PartyRole.choices,
            **kwargs,
        )


class PartyCrumbsMixin:
    """The breadcrumbs of a page about one party: the party's page (U1)."""

    def get_context_data(self, **kwargs):
        party = self.party
        crumbs = [{"label": party.name, "url": reverse("parties:party-detail", args=[party.pk])}]
        return super().get_context_data(breadcrumbs=crumbs, **kwargs)


class PartyDetailView(BeheerderRequiredMixin, DetailView):
    template_name = "parties/party_detail.html"
    context_object_name = "party"

    def get_queryset(self):
        return Party.objects.prefetch_related(
            "veiligheidshuizen",
            "declarations",
            Prefetch(
                "memberships",
                # Service accounts of API tokens are listed with their tokens.
                queryset=Membership.objects.filter(user__api_token__isnull=True)
                .select_related("user")
                .prefetch_related("functions"),
            ),
            "api_tokens",
        )


class PartyCreateView(BeheerderRequiredMixin, FormView):
    template_name = "parties/party_form.html"
    form_class = forms.PartyForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            party = services.create_party(
                name=data["name"],
                kind=data["kind"],
                role=data["role"] or None,
                veiligheidshuizen=data["veiligheidshuizen"],
                municipality_code=data["municipality_code"],
                joined_on=data["joined_on"],
                by=self.request.user,
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The party has been added."))
        return redirect("parties:party-detail", pk=party.pk)


class PartyUpdateView(BeheerderRequiredMixin, PartyCrumbsMixin, FormView):
    template_name = "parties/party_form.html"
    form_class = forms.PartyUpdateForm

    def dispatch(self, request, *args, **kwargs):
        self.party = get_object_or_404(Party, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        party = self.party
        return {
            "name": party.name,
            "kind": party.kind,
            "role": party.role,
            "veiligheidshuizen": party.veiligheidshuizen.all(),
            "municipality_code": party.municipality_code,
            "joined_on": party.joined_on,
            "version": party.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(party=self.party, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_party(
                self.party,
                by=self.request.user,
                reason=data["reason"],
                veiligheidshuizen=data["veiligheidshuizen"],
                name=data["name"],
                kind=data["kind"],
                role=data["role"] or self.party.role,
                municipality_code=data["municipality_code"],
                joined_on=data["joined_on"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The party has been changed."))
        return redirect("parties:party-detail", pk=self.party.pk)


class PartyActionView(BeheerderRequiredMixin, PartyCrumbsMixin, FormView):
    """A form about one party whose valid submission calls one service."""

    def dispatch(self, request, *args, **kwargs):
        self.party = get_object_or_404(Party, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(party=self.party, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("parties:party-detail", pk=self.party.pk)


class PartyNoticeView(PartyActionView):
    template_name = "parties/party_notice.html"
    form_class = forms.NoticeForm

    @property
    def success_message(self):
        return _("The notice has been recorded. Participation ends on %(date)s.") % {
            "date": date_format(self.party.left_on, "d-m-Y")
        }

    def perform(self, data):
        services.give_notice(
            self.party, notice_on=data["notice_on"], by=self.request.user, reason=data["reason"]
        )


class DeclarationCreateView(PartyActionView):
    template_name = "parties/declaration_form.html"
    form_class = forms.DeclarationForm
    success_message = _("The confidentiality declaration has been recorded.")

    def perform(self, data):
        services.record_declaration(self.party, by=self.request.user, **data)
