"""Sign-in: django-two-factor-auth's wizard, django-axes' lock-out, and the demo codes.

The code step speaks our words, in Dutch too (U4): django-two-factor-auth labels the field
"Token" (its Dutch translation keeps "Token") and django-otp, which has no Dutch at all, words
its refusals in English. The forms below replace those labels and messages with our own
msgids, translated in our locale."""

import copy

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from two_factor.forms import AuthenticationTokenForm, TOTPDeviceForm
from two_factor.utils import totp_digits
from two_factor.views import LoginView, SetupView

CODE_LABEL = _("Code from your authenticator app")
CODE_INVALID = _("This code is not right. Enter the code your authenticator app shows now.")
CODE_FORMAT = _("Enter the code as the six digits your authenticator app shows.")
CODE_ATTRS = {"autofocus": "autofocus", "inputmode": "numeric", "autocomplete": "one-time-code"}


class CodeForm(AuthenticationTokenForm):
    """The code step of the sign-in."""

    otp_token = forms.RegexField(
        label=CODE_LABEL,
        regex=r"^[0-9]*$",
        min_length=totp_digits(),
        max_length=totp_digits(),
        error_messages={
            "required": _("Enter the code from your authenticator app."),
            "invalid": CODE_FORMAT,
            "min_length": CODE_FORMAT,
            "max_length": CODE_FORMAT,
        },
        widget=forms.TextInput(attrs={**CODE_ATTRS, "pattern": "[0-9]*"}),
    )
    otp_error_messages = {
        **AuthenticationTokenForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": CODE_INVALID,
        "n_failed_attempts": _(
            "Too many wrong codes in a row. Wait a moment, then enter the code your app shows."
        ),
        "verification_not_allowed": _(
            "Codes cannot be checked for the moment. Wait a moment and try again."
        ),
    }


class BackupCodeForm(CodeForm):
    otp_token = forms.CharField(
        label=_("Backup code"),
        error_messages={"required": _("Enter one of your backup codes.")},
    )


class SetupCodeForm(TOTPDeviceForm):
    """The enrolment step that checks the first code of the new authenticator app."""

    token = forms.IntegerField(
        label=CODE_LABEL,
        min_value=0,
        max_value=int("9" * totp_digits()),
        error_messages={
            "required": _("Enter the code from your authenticator app."),
            "invalid": CODE_FORMAT,
            "min_value": CODE_FORMAT,
            "max_value": CODE_FORMAT,
        },
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )
    error_messages = {"invalid_token": CODE_INVALID}


def username_from_attempt(request, credentials) -> str | None:
    """The user name of a sign-in attempt. The wizard prefixes its fields with the step."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    if request is not None and request.method == "POST":
        return request.POST.get("auth-username") or request.POST.get("username")
    return None


class SignInView(LoginView):
    """django-two-factor-auth's sign-in with our code step, showing the demo users' current
    codes in demo mode."""

    form_list = (
        (LoginView.AUTH_STEP, LoginView.form_list[0][1]),
        (LoginView.TOKEN_STEP, CodeForm),
        (LoginView.BACKUP_STEP, BackupCodeForm),
    )

    def get_form(self, step=None, **kwargs):
        """The library picks the code step's form per device method at every request (for
        TOTP its own AuthenticationTokenForm); that form gets our field and refusals."""
        form = super().get_form(step=step, **kwargs)
        if isinstance(form, AuthenticationTokenForm) and not isinstance(form, CodeForm):
            form.fields["otp_token"] = copy.deepcopy(CodeForm.base_fields["otp_token"])
            form.otp_error_messages = CodeForm.otp_error_messages
        return form

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if settings.DEMO_MODE:
            from parties.demo import demo_accounts

            context["demo_accounts"] = demo_accounts()
        return context


class EnrolView(SetupView):
    """django-two-factor-auth's enrolment with our code step."""

    def get_form_list(self):
        form_list = super().get_form_list()
        if "generator" in form_list:
            form_list["generator"] = SetupCodeForm
        return form_list
