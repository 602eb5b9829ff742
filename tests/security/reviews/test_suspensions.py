"""P4: accounts without a sign-in for ACCOUNT_DORMANT_DAYS are suspended. The suspended account
cannot sign in through the real sign-in (password and TOTP), its open session ends on the next
request, the API token's service account is never suspended, and the beheerder reinstates with
a reason (then the grace period runs)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties import services
from parties.constants import Function
from parties.models import User
from security.models import AccountSuspension
from security.services.suspensions import suspend_dormant_accounts
from tests.conftest import totp_now, verified_client
from tests.factories import TEST_PASSWORD, make_user
from tests.parties.test_signin import is_signed_in, post_code, post_password

pytestmark = pytest.mark.django_db

# 100 days ago: dormant now, while the other users of a test are made today.
START = timezone.now().replace(microsecond=0) - timedelta(days=100)


@pytest.fixture
def dormant(politie):
    with time_machine.travel(START, tick=False):
        return make_user(politie, Function.DEELNEMER, username="slaper")


def test_p4_an_account_is_suspended_after_90_days_without_sign_in_and_once(dormant):
    with time_machine.travel(START + timedelta(days=89), tick=False):
        assert suspend_dormant_accounts() == []
    with time_machine.travel(START + timedelta(days=91), tick=False):
        suspended = suspend_dormant_accounts()
        assert [s.user for s in suspended] == [dormant]
        assert suspend_dormant_accounts() == []
    dormant.refresh_from_db()
    assert not dormant.is_active


def test_p4_a_recent_sign_in_keeps_the_account(dormant):
    User.objects.filter(pk=dormant.pk).update(last_login=START + timedelta(days=60))
    with time_machine.travel(START + timedelta(days=91), tick=False):
        assert suspend_dormant_accounts() == []


def test_p4_the_service_account_of_an_api_token_is_not_suspended(politie, beheerder):
    with time_machine.travel(START, tick=False):
        token, _key = services.issue_token(politie, name="Koppeling", by=beheerder, reason="test")
    with time_machine.travel(START + timedelta(days=200), tick=False):
        suspended = {s.user_id for s in suspend_dormant_accounts()}
    assert token.account_id not in suspended
    assert User.objects.get(pk=token.account_id).is_active


def test_p4_the_suspended_account_cannot_sign_in(client, dormant):
    suspend_dormant_accounts()
    response = post_password(client, "slaper", TEST_PASSWORD)
    assert 'name="token-otp_token"' not in response.content.decode()
    response = post_code(client, totp_now(TOTPDevice.objects.get(user=dormant)))
    assert not is_signed_in(client)
    assert client.get("/").status_code == 302


def test_p4_the_open_session_of_a_suspended_account_ends(dormant):
    client = verified_client(dormant)
    assert client.get("/").status_code == 200
    User.objects.filter(pk=dormant.pk).update(last_login=timezone.now() - timedelta(days=100))
    assert [s.user for s in suspend_dormant_accounts()] == [dormant]
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_p4_the_beheerder_reinstates_with_a_reason_and_the_grace_period_runs(
    client, dormant, beheerder, gemeente, settings
):
    suspension = suspend_dormant_accounts()[0]
    page = verified_client(beheerder)
    url = reverse("security:suspension-reinstate", args=[suspension.pk])
    listed = page.get(reverse("security:suspensions")).content.decode()
    assert url in listed
    assert page.post(url, {"reason": ""}).status_code == 400
    assert page.post(url, {"reason": "Terug van verlof"}).status_code == 302
    dormant.refresh_from_db()
    assert dormant.is_active
    suspension.refresh_from_db()
    assert suspension.reinstated_by == beheerder and suspension.reinstate_reason
    # The user can sign in again ...
    post_password(client, "slaper", TEST_PASSWORD)
    assert post_code(client, totp_now(TOTPDevice.objects.get(user=dormant))).status_code == 302
    assert is_signed_in(client)
    # ... and had they not, they would have been suspended again after the grace period.
    User.objects.filter(pk=dormant.pk).update(last_login=suspension.reinstated_at - timedelta(1))
    later = suspension.reinstated_at + timedelta(days=settings.ACCOUNT_REINSTATE_GRACE_DAYS + 1)
    with time_machine.travel(later, tick=False):
        again = suspend_dormant_accounts()
    assert [s.user for s in again] == [dormant]
    assert again[0].reason == "not_used_after_reinstatement"


def test_p4_only_the_beheerder_reinstates_and_overseers_see_the_list(dormant, gemeente, politie):
    suspension = suspend_dormant_accounts()[0]
    fg = make_user(gemeente, Function.FG, username="fg")
    agent = make_user(politie, Function.DEELNEMER, username="agent2")
    url = reverse("security:suspension-reinstate", args=[suspension.pk])
    assert verified_client(fg).get(reverse("security:suspensions")).status_code == 200
    assert verified_client(fg).post(url, {"reason": "x"}).status_code == 404
    assert verified_client(agent).get(reverse("security:suspensions")).status_code == 404
    assert AccountSuspension.objects.get(pk=suspension.pk).is_open
