"""The beheerder's pages about users, memberships and functions, and the log of authorisation
changes (P3, P5)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from config.api_input import as_id
from config.pages import PAGE_SIZE, SessionSearchMixin, SortedListMixin, add_service_errors
from config.read_audit import AccessLoggedMixin
from parties import forms, services
from parties.constants import Function
from parties.models import AuthorisationChange, FunctionGrant, Membership, User
from parties.permissions import has_function, is_beheerder
from parties.views.parties import BeheerderRequiredMixin


class UserListView(BeheerderRequiredMixin, SessionSearchMixin, SortedListMixin, ListView):
    """The users, by name unless another column is chosen (U1); the search term stays out of
    the URL, the party filter and the order stay set."""

    template_name = "parties/user_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "users"
    search_session_key = "parties:user-search"
    url_filters = ("party",)
    sorts = {
        "name": ("last_name", "first_name"),
        "username": ("username",),
        "party": ("membership__party__name", "last_name", "first_name"),
    }
    default_sort = "name"

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
        self.filter_form = forms.PartyFilterForm(self.request.GET or None)
        found = self.filter_form.filters()
        if "party" in found:
            users = users.filter(membership__party_id=found["party"])
        self.filters = {name: str(value) for name, value in found.items()}
        return self.sorted(users)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            filter_form=self.filter_form,
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
        crumbs = [
            {
                "label": self.shown_user.display_name,
                "url": reverse("parties:user-detail", args=[self.shown_user.pk]),
            }
        ]
        return super().get_context_data(shown_user=self.shown_user, breadcrumbs=crumbs, **kwargs)

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


class AuthorisationLogView(SortedListMixin, ListView):
    """The log of authorisation changes (P3), for the beheerder and the FG: newest first unless
    another column is chosen."""

    template_name = "parties/authorisation_log.html"
    paginate_by = 50
    context_object_name = "changes"
    sorts = {"at": ("at",), "action": ("action", "-at"), "party": ("party__name", "-at")}
    default_sort = "-at"

    def dispatch(self, request, *args, **kwargs):
        allowed = is_beheerder(request.user) or has_function(request.user, Function.FG)
        if not (allowed and request.user.has_perm("parties.view_authorisationchange")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        changes = AuthorisationChange.objects.select_related("actor", "user", "party")
        self.filter_form = forms.AuthorisationLogFilterForm(self.request.GET or None)
        found = self.filter_form.filters()
        if "action" in found:
            changes = changes.filter(action=found["action"])
        if "party" in found:
            changes = changes.filter(party_id=found["party"])
        self.filters = {name: str(value) for name, value in found.items()}
        return self.sorted(changes)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, filter_form=self.filter_form, **kwargs
        )
