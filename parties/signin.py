"""Sign-in: django-two-factor-auth's wizard, django-axes' lock-out, and the demo codes."""

from django.conf import settings
from two_factor.views import LoginView


def username_from_attempt(request, credentials) -> str | None:
    """The user name of a sign-in attempt. The wizard prefixes its fields with the step."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    if request is not None and request.method == "POST":
        return request.POST.get("auth-username") or request.POST.get("username")
    return None


class SignInView(LoginView):
    """django-two-factor-auth's sign-in, showing the demo users' current codes in demo mode."""

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if settings.DEMO_MODE:
            from parties.demo import demo_accounts

            context["demo_accounts"] = demo_accounts()
        return context
