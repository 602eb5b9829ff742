"""S4: strong sign-in. Password and second factor, enrolment at first sign-in, lock-out,
idle expiry, and nothing reachable without both factors."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties import services
from tests.conftest import totp_now, verified_client
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"
STEP = "sign_in_view-current_step"


def post_password(client, username, password, address="10.0.0.1"):
    return client.post(
        LOGIN,
        {STEP: "auth", "auth-username": username, "auth-password": password},
        REMOTE_ADDR=address,
    )


def post_code(client, code, address="10.0.0.1"):
    return client.post(LOGIN, {STEP: "token", "token-otp_token": code}, REMOTE_ADDR=address)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_s4_password_alone_does_not_sign_in(client, deelnemer):
    response = post_password(client, "agent", TEST_PASSWORD)
    assert response.status_code == 200
    assert 'name="token-otp_token"' in response.content.decode()
    assert not is_signed_in(client)
    assert client.get("/").status_code == 302


def test_s4_password_and_code_sign_in_to_the_dashboard(client, deelnemer):
    post_password(client, "agent", TEST_PASSWORD)
    response = post_code(client, totp_now(TOTPDevice.objects.get(user=deelnemer)))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session[DEVICE_ID_SESSION_KEY]
    assert client.get("/").status_code == 200


def test_s4_a_wrong_code_does_not_sign_in(client, deelnemer):
    post_password(client, "agent", TEST_PASSWORD)
    response = post_code(client, "000000")
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_s4_wrong_password_does_not_reach_the_code_step(client, deelnemer):
    response = post_password(client, "agent", "niet-het-wachtwoord")
    assert 'name="token-otp_token"' not in response.content.decode()
    assert not is_signed_in(client)


def test_s4_first_sign_in_enrols_a_totp_device_with_a_qr_code(client, deelnemer):
    TOTPDevice.objects.filter(user=deelnemer).delete()
    response = post_password(client, "agent", TEST_PASSWORD)
    assert response.status_code == 302
    # Signed in with the password only: every page sends the user to enrolment.
    assert client.get("/")["Location"] == reverse("two_factor:setup")

    setup = reverse("two_factor:setup")
    response = client.post(setup, {"enrol_view-current_step": "welcome"})
    assert response.status_code == 200
    assert reverse("two_factor:qr") in response.content.decode()
    qr = client.get(reverse("two_factor:qr"))
    assert qr.status_code == 200
    assert qr["Content-Type"].startswith("image/svg+xml")

    key = client.session["django_two_factor-qr_secret_key"]
    from base64 import b32decode

    totp = TOTP(b32decode(key), 30, 0, 6, 0)
    response = client.post(
        setup, {"enrol_view-current_step": "generator", "generator-token": f"{totp.token():06d}"}
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=deelnemer, confirmed=True).count() == 1
    assert client.get("/").status_code == 200


def test_s4_a_password_only_session_cannot_add_a_device_when_one_exists(client, deelnemer):
    client.force_login(deelnemer)  # password checked, second factor not
    response = client.get(reverse("two_factor:setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not is_signed_in(client)
    assert TOTPDevice.objects.filter(user=deelnemer).count() == 1


def _all_paths():
    """Every URL of the project, with 1 for each parameter."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                for name in pattern.pattern.converters:
                    route = route.replace(f"<int:{name}>", "1").replace(f"<{name}>", "1")
                yield "/" + route.lstrip("^").rstrip("$").replace("\\Z", "").replace("^", "")

    return sorted(set(walk(get_resolver().url_patterns)))


OPEN = ("/account/login/", "/account/logout/", "/i18n/", "/api/v1/openapi.json", "/healthz")
ENROLMENT = ("/account/two_factor/",)


def _checked_paths():
    return [
        path
        for path in _all_paths()
        if not path.startswith(OPEN + ENROLMENT) and "(?P" not in path and "<" not in path
    ]


def test_s4_the_walk_covers_pages_admin_and_api():
    paths = _checked_paths()
    assert "/" in paths
    assert "/beheer/gebruikers/1/" in paths
    assert "/api/v1/partijen" in paths
    assert "/admin/" in paths


@pytest.mark.parametrize("path", _checked_paths())
def test_s4_an_unverified_session_reaches_no_page_and_no_api(client, deelnemer, path):
    client.force_login(deelnemer)
    response = client.get(path)
    if path.startswith("/api/"):
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("path", _checked_paths())
def test_s4_an_anonymous_visitor_reaches_no_page_and_no_api(client, path):
    response = client.get(path)
    if path.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_s4_lock_out_per_user_name_from_any_address(client, deelnemer, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "agent", "fout-wachtwoord", address=f"10.0.1.{attempt}")
    response = post_password(client, "agent", TEST_PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert not is_signed_in(client)


def test_s4_lock_out_per_address_for_every_user_name(client, deelnemer, beheerder, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, f"onbekend{attempt}", "fout-wachtwoord", address="10.0.3.3")
    assert post_password(client, "beheerder", TEST_PASSWORD, address="10.0.3.3").status_code == 429
    # Another address is not locked out for that user.
    response = post_password(client, "beheerder", TEST_PASSWORD, address="10.0.4.4")
    assert 'name="token-otp_token"' in response.content.decode()


def test_s4_lock_out_ends_after_the_cool_off(client, deelnemer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, "agent", "fout-wachtwoord")
    assert post_password(client, "agent", TEST_PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        response = post_password(client, "agent", TEST_PASSWORD)
    assert 'name="token-otp_token"' in response.content.decode()


def test_s4_session_ends_after_fifteen_idle_minutes(deelnemer):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = verified_client(deelnemer)
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=14))
        assert client.get("/").status_code == 200  # activity pushes the expiry on
        traveller.shift(timedelta(minutes=14))
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_s4_passwords_pass_djangos_validators(gemeente):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.create_user(
            username="zwak",
            first_name="Z",
            last_name="Wak",
            email="zwak@example.org",
            password="12345678",
            party=gemeente,
            functions=["deelnemer"],
            by=None,
            reason="test",
        )
    assert "password" in refused.value.error_dict


def test_s4_repeated_wrong_codes_throttle_the_second_factor(client, deelnemer):
    device = TOTPDevice.objects.get(user=deelnemer)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        post_password(client, "agent", TEST_PASSWORD)
        for _ in range(3):
            post_code(client, "000000")
        # Even the right code is refused while the device is throttled.
        response = post_code(client, totp_now(device))
        assert response.status_code == 200
        assert not is_signed_in(client)
        traveller.shift(timedelta(minutes=1))
        post_password(client, "agent", TEST_PASSWORD)
        response = post_code(client, totp_now(device))
    assert response.status_code == 302
    assert is_signed_in(client)
