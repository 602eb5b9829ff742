"""Pages of the beheerder (P1-P3, P5, P6) and the dashboard (U1, U2). Thin: every change is a
call to `parties.services`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from config.api_input import as_id
from config.audit import AccessLoggedMixin
from parties import forms, services
from parties.constants import AuthorisationAction, Function, PartyKind, PartyRole
from parties.dashboard import panels_for
from parties.models import (
    ApiToken,
    AuthorisationChange,
    FunctionGrant,
    Membership,
    Party,
    User,
)
from parties.permissions import functions_of, has_function, is_beheerder

PAGE_SIZE = 25


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, which keeps everything that was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SessionSearchMixin:
    """A search term can be a person's name: it stays out of the URL, so out of access logs and
    browser history. The form posts it, the session keeps it, the list reads it; the other
    filters, which say nothing about a person, stay in the URL."""

    search_session_key = ""
    url_filters: tuple[str, ...] = ()

    def post(self, request, *args, **kwargs):
        request.session[self.search_session_key] = request.POST.get("q", "").strip()[:200]
        kept = {name: request.POST[name] for name in self.url_filters if request.POST.get(name)}
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)

    @property
    def search_term(self) -> str:
        return self.request.session.get(self.search_session_key, "")


class BeheerderRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_beheerder(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(TemplateView):
    """One section per function the user holds, each empty until its file exists."""

    template_name = "parties/dashboard.html"

    def get_context_data(self, **kwargs):
        held = functions_of(self.request.user)
        return super().get_context_data(
            sections=[Function(code) for code in Function.values if code in held],
            panels=panels_for(self.request.user, held),
            **kwargs,
        )


# --- parties ----------------------------------------------------------------------------------


class PartyListView(BeheerderRequiredMixin, ListView):
    template_name = "parties/party_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "parties"

    def get_queryset(self):
        parties = Party.objects.prefetch_related("veiligheidshuizen").order_by("name")
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


class PartyUpdateView(BeheerderRequiredMixin, FormView):
    template_name = "parties/party_form.html"
    form_class = forms.PartyForm

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
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The party has been changed."))
        return redirect("parties:party-detail", pk=self.party.pk)


class PartyActionView(BeheerderRequiredMixin, FormView):
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
            "date": self.party.left_on.strftime("%d-%m-%Y")
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


# --- API tokens (U5, S1) ----------------------------------------------------------------------


class TokenIssueView(PartyActionView):
    """Issue a token; the answer to the POST shows the key, once. It is not put in a redirect,
    the session or a message, and the page is not cached."""

    template_name = "parties/token_issue.html"
    form_class = forms.TokenIssueForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            token, key = services.issue_token(
                self.party, name=data["name"], by=self.request.user, reason=data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        response = render(
            self.request,
            "parties/token_issued.html",
            {"party": self.party, "token": token, "key": key},
        )
        response["Cache-Control"] = "no-store"
        return response


class TokenRevokeView(PartyActionView):
    template_name = "parties/token_revoke.html"
    form_class = forms.TokenRevokeForm
    success_message = _("The API token has been revoked.")

    @cached_property
    def token(self):
        return get_object_or_404(ApiToken, pk=self.kwargs["token_pk"], party=self.party)

    def get(self, request, *args, **kwargs):
        if self.token.is_revoked:
            messages.info(request, _("This token has already been revoked."))
            return redirect("parties:party-detail", pk=self.party.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(token=self.token, **kwargs)

    def perform(self, data):
        services.revoke_token(self.token, by=self.request.user, reason=data["reason"])


# --- users ------------------------------------------------------------------------------------


class UserListView(BeheerderRequiredMixin, SessionSearchMixin, ListView):
    template_name = "parties/user_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "users"
    search_session_key = "parties:user-search"
    url_filters = ("party",)

    def get_queryset(self):
        users = User.objects.select_related("membership__party").prefetch_related(
            Prefetch("membership__functions", queryset=FunctionGrant.objects.order_by("function"))
        )
        query = self.search_term
        if query:
            users = users.filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )
        party = self.request.GET.get("party", "")
        if as_id(party):
            users = users.filter(membership__party_id=as_id(party))
        self.filters = {"party": party}
        return users.order_by("last_name", "first_name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            parties=Party.objects.only("pk", "name"),
            **kwargs,
        )


class UserDetailView(BeheerderRequiredMixin, AccessLoggedMixin, DetailView):
    template_name = "parties/user_detail.html"
    context_object_name = "shown_user"

    def get_queryset(self):
        return User.objects.select_related("membership__party").prefetch_related(
            "membership__functions"
        )

    def get_context_data(self, **kwargs):
        changes = (
            AuthorisationChange.objects.filter(user=self.object)
            .select_related("actor", "party")
            .order_by("-at")[:50]
        )
        return super().get_context_data(changes=changes, **kwargs)


class UserCreateView(BeheerderRequiredMixin, FormView):
    template_name = "parties/user_form.html"
    form_class = forms.UserCreateForm

    def get_initial(self):
        party = self.request.GET.get("party", "")
        return {"party": party} if as_id(party) else {}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = services.create_user(by=self.request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "The user has been created and will set up the second factor at their first "
                "sign-in."
            ),
        )
        return redirect("parties:user-detail", pk=user.pk)


class UserActionView(BeheerderRequiredMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.shown_user = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(shown_user=self.shown_user, **kwargs)

    def membership(self):
        try:
            return self.shown_user.membership
        except Membership.DoesNotExist:
            return None

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("parties:user-detail", pk=self.shown_user.pk)


class MembershipGrantView(UserActionView):
    template_name = "parties/membership_form.html"
    form_class = forms.MembershipForm
    success_message = _("The membership has been granted.")

    def perform(self, data):
        services.grant_membership(self.shown_user, by=self.request.user, **data)


class FunctionsChangeView(UserActionView):
    template_name = "parties/functions_form.html"
    form_class = forms.FunctionsForm
    success_message = _("The functions have been changed.")

    def get(self, request, *args, **kwargs):
        if self.membership() is None or self.membership().is_ended:
            return redirect("parties:membership-grant", pk=self.shown_user.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        membership = self.membership()
        return {"functions": membership.function_codes() if membership else []}

    def perform(self, data):
        membership = self.membership()
        if membership is None:
            raise ValidationError(_("This user has no membership."))
        services.change_functions(membership, by=self.request.user, **data)


class MembershipRevokeView(UserActionView):
    template_name = "parties/membership_revoke.html"
    form_class = forms.RevokeForm
    success_message = _("The membership has been revoked.")

    def perform(self, data):
        membership = self.membership()
        if membership is None:
            raise ValidationError(_("This user has no membership."))
        services.revoke_membership(membership, by=self.request.user, reason=data["reason"])


class AuthorisationLogView(ListView):
    """The log of authorisation changes (P3), for the beheerder and the FG."""

    template_name = "parties/authorisation_log.html"
    paginate_by = 50
    context_object_name = "changes"

    def dispatch(self, request, *args, **kwargs):
        allowed = is_beheerder(request.user) or has_function(request.user, Function.FG)
        if not (allowed and request.user.has_perm("parties.view_authorisationchange")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        changes = AuthorisationChange.objects.select_related("actor", "user", "party")
        action = self.request.GET.get("action", "")
        if action in AuthorisationAction.values:
            changes = changes.filter(action=action)
        party = self.request.GET.get("party", "")
        if as_id(party):
            changes = changes.filter(party_id=as_id(party))
        self.filters = {"action": action, "party": party}
        return changes.order_by("-at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            actions=AuthorisationAction.choices,
            parties=Party.objects.only("pk", "name"),
            **kwargs,
        )
