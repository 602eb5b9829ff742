"""Sign-in: django-two-factor-auth's wizard, django-axes' lock-out, and the demo codes."""

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
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
            context["demo_accounts"] = demo_accounts()
        return context


DEMO_DEVICE_NAME = "demo"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def demo_accounts() -> list[dict]:
    """Only in demo mode (never in production): each demo user's name, party and code now."""
    devices = TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME, confirmed=True).select_related(
        "user__membership__party"
    )
    accounts = []
    for device in devices.order_by("user__username"):
        membership = getattr(device.user, "membership", None)
        accounts.append(
            {
                "username": device.user.username,
                "party": membership.party.name if membership else "",
                "code": current_code(device),
            }
        )
    return accounts
