"""The beheerder's pages about API tokens (U5, S1)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from config.pages import add_service_errors
from parties import forms, services
from parties.models import ApiToken
from parties.views.parties import PartyActionView


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
