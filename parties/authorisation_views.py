"""Pages to grant and revoke file authorisations (P8, P3): for the beheerder, every user and
file; for the uitvoerder, the users and files of their Veiligheidshuizen. Thin: every change is
a call to `parties.services`, which checks who may."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView

from config.pages import SortedListMixin
from parties import services
from parties.constants import AccessLevel
from parties.models import FileAuthorisation, User


def _reason_field():
    return forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded in the authorisation log."),
    )


class GrantForm(forms.Form):
    file = forms.ModelChoiceField(label=gettext_lazy("File"), queryset=None)
    level = forms.ChoiceField(label=gettext_lazy("Access"), choices=AccessLevel.choices)
    reason = _reason_field()

    def __init__(self, *args, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].queryset = files


class RevokeForm(forms.Form):
    reason = _reason_field()
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that this user loses access to this file immediately.")
    )


def _show_refusal(form, error: ValidationError) -> None:
    """A service's refusal on the form, which keeps everything that was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class GranterRequiredMixin:
    """The beheerder or an uitvoerder (P3); anyone else gets 403, as on the beheerder's pages."""

    def dispatch(self, request, *args, **kwargs):
        if not services.grants_any_file(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AuthorisedUserListView(GranterRequiredMixin, SortedListMixin, ListView):
    """The users whose authorisations the signed-in beheerder or uitvoerder manages, by party
    unless another column is chosen (U1)."""

    template_name = "parties/file_access_users.html"
    context_object_name = "users"
    paginate_by = 50
    sorts = {
        "party": ("membership__party__name", "last_name", "first_name"),
        "name": ("last_name", "first_name"),
    }
    default_sort = "party"

    def get_queryset(self):
        return self.sorted(
            services.manageable_users(self.request.user)
            .select_related("membership__party")
            .prefetch_related("membership__functions")  # the functions of each user shown
        )


def _manageable_user(by: User, pk) -> User:
    """The user, or 404 when `by` does not manage them (403 when `by` manages nobody)."""
    if not services.grants_any_file(by):
        raise PermissionDenied
    user = services.manageable_users(by).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


class FileAccessView(FormView):
    """One user's file authorisations, and a form to grant one."""

    template_name = "parties/file_access.html"
    form_class = GrantForm

    def dispatch(self, request, *args, **kwargs):
        self.shown_user = _manageable_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "files": services.grantable_files(self.request.user)}

    def get_context_data(self, **kwargs):
        files = services.grantable_files(self.request.user)
        authorisations = (
            FileAuthorisation.objects.live()
            .filter(user=self.shown_user)
            .select_related("file__veiligheidshuis", "granted_by")
        )
        return super().get_context_data(
            shown_user=self.shown_user,
            authorisations=authorisations,
            revocable={a.pk for a in authorisations if a.file in files},
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.grant_file_access(
                self.shown_user,
                file=data["file"],
                level=data["level"],
                by=self.request.user,
                reason=data["reason"],
            )
        except ValidationError as error:
            _show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The authorisation has been granted."))
        return redirect("parties:file-access", pk=self.shown_user.pk)


class FileAccessRevokeView(FormView):
    """Revoke one authorisation, after a confirmation and with a reason."""

    template_name = "parties/file_access_revoke.html"
    form_class = RevokeForm

    def dispatch(self, request, *args, **kwargs):
        _manageable_user(request.user, kwargs["pk"])
        self.authorisation = get_object_or_404(
            FileAuthorisation.objects.live().select_related("file", "user"),
            pk=kwargs["authorisation_pk"],
            user_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        shown = self.authorisation.user
        crumbs = [
            {"label": shown.display_name, "url": reverse("parties:file-access", args=[shown.pk])}
        ]
        return super().get_context_data(
            authorisation=self.authorisation, shown_user=shown, breadcrumbs=crumbs, **kwargs
        )

    def form_valid(self, form):
        try:
            services.revoke_file_access(
                self.authorisation, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The authorisation has been revoked."))
        return redirect("parties:file-access", pk=self.authorisation.user_id)


urlpatterns = [
    path("bestanden/", AuthorisedUserListView.as_view(), name="file-access-users"),
    path("bestanden/gebruikers/<int:pk>/", FileAccessView.as_view(), name="file-access"),
    path(
        "bestanden/gebruikers/<int:pk>/<int:authorisation_pk>/intrekken/",
        FileAccessRevokeView.as_view(),
        name="file-access-revoke",
    ),
]
