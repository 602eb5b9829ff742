"""U5, S1, S4, P3, S2: a partner system reaches the API with a token that the beheerder issues to
one party and can revoke. The key is long and random, stored hashed and shown once; the token
acts with that party's rights only, loses them with the party (P5, P6), never opens a page, and
its requests are audited with the token's service account and party."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device

from parties import services
from parties.constants import AuthorisationAction, Function
from parties.groups import function_group_name
from parties.models import ApiToken, AuthorisationChange
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import PartyFactory, make_user, record_declaration

pytestmark = pytest.mark.django_db


def token_client(key: str, scheme: str = "Token") -> Client:
    return Client(HTTP_AUTHORIZATION=f"{scheme} {key}")


@pytest.fixture
def issued(politie, beheerder):
    """A token of the police's partner system: (token, key)."""
    return services.issue_token(
        politie, name="Bedrijfsprocessensysteem", by=beheerder, reason="Koppeling BVH"
    )


def issue_url(party):
    return reverse("parties:token-issue", kwargs={"pk": party.pk})


def revoke_url(token):
    return reverse("parties:token-revoke", kwargs={"pk": token.party_id, "token_pk": token.pk})


# --- issuing: long, random, stored hashed, shown once ------------------------------------------


def test_u5_s1_the_issue_page_shows_the_key_once_and_stores_only_its_hash(beheerder, politie):
    client = verified_client(beheerder)
    response = client.post(
        issue_url(politie), {"name": "Zorgsysteem", "reason": "Koppeling met het zorgsysteem"}
    )
    # The key is on the answer to the POST itself: no redirect that could carry it.
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(party=politie)
    key = response.context["key"]
    assert key in response.content.decode()
    assert len(key) >= 60
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.key_prefix == key[:8]
    stored = [str(getattr(token, field.attname)) for field in ApiToken._meta.concrete_fields]
    assert not any(key in value for value in stored)
    assert key not in str(dict(client.session))

    # Afterwards the party page tells the token apart by its prefix, never by its key.
    page = client.get(reverse("parties:party-detail", kwargs={"pk": politie.pk})).content.decode()
    assert "Zorgsysteem" in page and token.key_prefix in page
    assert key not in page


def test_u5_s1_every_key_is_new_and_long(politie, beheerder):
    keys = {
        services.issue_token(politie, name=f"Systeem {n}", by=beheerder, reason="test")[1]
        for n in range(3)
    }
    assert len(keys) == 3
    assert all(len(key) == 64 for key in keys)


def test_u5_s1_the_service_account_is_a_deelnemer_of_the_party_without_sign_in(issued, politie):
    token, _key = issued
    account = token.account
    assert account.username == f"api-{politie.pk}-{token.key_prefix.lower()}"
    assert not account.has_usable_password()
    assert not user_has_device(account)
    assert account.membership.party == politie
    assert account.membership.function_codes() == [Function.DEELNEMER]
    assert set(account.groups.values_list("name", flat=True)) == {
        politie.group.name,
        function_group_name(Function.DEELNEMER),
    }
    assert str(token).endswith(f" {token.key_prefix}")
    assert token.name not in str(token)


def test_p3_a_token_needs_a_reason_and_a_system_name(politie, beheerder):
    with pytest.raises(ValidationError) as refused:
        services.issue_token(politie, name="Systeem", by=beheerder, reason=" ")
    assert "reason" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.issue_token(politie, name="", by=beheerder, reason="Koppeling")
    assert "name" in refused.value.error_dict
    assert not ApiToken.objects.exists()


def test_s1_a_party_that_has_left_gets_no_token(politie, beheerder):
    services.give_notice(politie, notice_on=politie.joined_on, by=beheerder, reason="Opzegging")
    with pytest.raises(ValidationError):
        services.issue_token(politie, name="Systeem", by=beheerder, reason="Koppeling")


# --- the token authenticates the API, with its party's rights -----------------------------------


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_u5_s1_a_token_opens_the_api_as_its_service_account(issued, politie, scheme):
    token, key = issued
    client = token_client(key, scheme)

    parties = client.get("/api/v1/partijen")
    assert parties.status_code == 200
    assert politie.pk in [party["id"] for party in parties.json()["results"]]

    me = client.get("/api/v1/gebruikers/mij")
    assert me.status_code == 200
    assert me.json()["id"] == token.account.pk
    assert me.json()["party"]["id"] == politie.pk
    assert me.json()["functions"] == [Function.DEELNEMER]


def test_u5_the_last_use_is_recorded(issued):
    token, key = issued
    assert token.last_used_at is None
    assert token_client(key).get("/api/v1/partijen").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Token nietbestaandesleutel",
        "Bearer nietbestaandesleutel",
        "Token",
        "Token twee delen",
    ],
)
def test_u5_s1_a_wrong_token_gets_401_problem_json(issued, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/partijen")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_u5_s1_a_revoked_token_gets_401_and_the_live_one_200(issued, beheerder):
    token, key = issued
    assert token_client(key).get("/api/v1/partijen").status_code == 200
    services.revoke_token(token, by=beheerder, reason="Koppeling beëindigd")
    response = token_client(key).get("/api/v1/partijen")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_s1_u5_a_token_expires_after_the_configured_days(politie, beheerder, settings):
    settings.API_TOKEN_DAYS = 30
    issued_at = timezone.now()
    with time_machine.travel(issued_at, tick=False):
        token, key = services.issue_token(
            politie, name="Zorgsysteem", by=beheerder, reason="Koppeling zorgsysteem"
        )
    assert token.expires_at == issued_at + timedelta(days=30)
    with time_machine.travel(issued_at + timedelta(days=29, hours=23), tick=False):
        assert token_client(key).get("/api/v1/partijen").status_code == 200
    with time_machine.travel(issued_at + timedelta(days=30), tick=False):
        response = token_client(key).get("/api/v1/partijen")
        assert response.status_code == 401
        assert "verlopen" in response.json()["detail"]
        # The beheerder sees it as expired on the party page.
        page = verified_client(beheerder).get(
            reverse("parties:party-detail", kwargs={"pk": politie.pk})
        )
        assert "Verlopen" in page.content.decode()


def test_u5_without_any_credentials_the_api_answers_401_with_a_challenge(client):
    response = client.get("/api/v1/partijen")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_s1_p5_a_token_of_a_party_that_has_left_gets_403(issued, politie, beheerder):
    _token, key = issued
    today = timezone.localdate()
    services.give_notice(politie, notice_on=today, by=beheerder, reason="Opzegging")
    politie.refresh_from_db()
    # Until the end of the notice the partner system still works...
    assert token_client(key).get("/api/v1/partijen").status_code == 200
    # ...from the end date on it does not, whether or not the hourly job has run.
    with time_machine.travel(politie.left_on + timedelta(days=1)):
        response = token_client(key).get("/api/v1/partijen")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_s1_p6_a_token_of_an_external_partner_works_only_after_its_declaration(beheerder):
    partner = PartyFactory(extern=True, name="Woningcorporatie Extern")
    _token, key = services.issue_token(partner, name="Meldsysteem", by=beheerder, reason="test")
    assert token_client(key).get("/api/v1/gebruikers/mij").status_code == 403
    record_declaration(partner, by=beheerder)
    assert token_client(key).get("/api/v1/gebruikers/mij").status_code == 200


def test_s4_a_token_never_opens_a_page(issued):
    _token, key = issued
    client = token_client(key)
    sign_in = reverse("two_factor:login")
    for path in ("/", reverse("parties:party-list"), "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(sign_in), path


def test_s4_a_session_without_second_factor_is_still_refused_by_the_api(deelnemer):
    client = Client()
    client.force_login(deelnemer)  # password only
    assert client.get("/api/v1/partijen").status_code == 403


def test_u5_the_openapi_document_describes_the_token(client):
    schema = client.get("/api/v1/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["partyToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert {"partyToken": []} in schema["paths"]["/partijen"]["get"]["security"]


# --- audit and the authorisation log -----------------------------------------------------------


def test_s2_an_entry_written_in_a_token_request_names_the_service_account_and_party(
    issued, politie
):
    token, key = issued
    assert token_client(key).get("/api/v1/gebruikers/mij").status_code == 200
    entry = AuditEntry.objects.get_for_object(token.account).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == token.account
    assert entry.actor_party == politie
    assert entry.actor_party_name == politie.name


def test_s2_the_token_is_audited_without_its_hash(issued, beheerder):
    token, _key = issued
    services.revoke_token(token, by=beheerder, reason="test")
    entries = AuditEntry.objects.get_for_object(token)
    assert entries.filter(action=AuditEntry.Action.CREATE).exists()
    for entry in entries:
        assert "key_hash" not in (entry.changes or {})
        assert token.key_hash not in str(entry.changes)


def test_p3_issuing_and_revoking_are_in_the_authorisation_log(politie, beheerder):
    token, _key = services.issue_token(
        politie, name="Systeem", by=beheerder, reason="Koppeling voor de weegploeg"
    )
    issued = AuthorisationChange.objects.get(action=AuthorisationAction.TOKEN_ISSUED)
    assert (issued.actor, issued.party, issued.user) == (beheerder, politie, token.account)
    assert issued.reason == "Koppeling voor de weegploeg"
    assert issued.functions_after == [Function.DEELNEMER]

    services.revoke_token(token, by=beheerder, reason="Leverancier gewisseld")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == beheerder
    revoked = AuthorisationChange.objects.get(action=AuthorisationAction.TOKEN_REVOKED)
    assert (revoked.actor, revoked.party, revoked.user) == (beheerder, politie, token.account)
    assert revoked.reason == "Leverancier gewisseld"
    # The service account's membership ends and its groups go with it.
    assert token.account.membership.is_ended
    assert not token.account.groups.exists()


def test_p3_revoking_needs_a_reason_and_happens_once(issued, beheerder):
    token, _key = issued
    with pytest.raises(ValidationError):
        services.revoke_token(token, by=beheerder, reason="")
    services.revoke_token(token, by=beheerder, reason="Weg")
    with pytest.raises(ValidationError):
        services.revoke_token(token, by=beheerder, reason="Nog eens")


def test_p2_a_service_account_changes_only_with_its_token(issued, beheerder, gemeente):
    token, _key = issued
    account = token.account
    with pytest.raises(ValidationError):
        services.change_functions(
            account.membership, functions=[Function.BEHEERDER], by=beheerder, reason="x"
        )
    with pytest.raises(ValidationError):
        services.revoke_membership(account.membership, by=beheerder, reason="x")
    assert account.membership.function_codes() == [Function.DEELNEMER]
    assert not account.membership.is_ended


# --- the beheerder's pages ---------------------------------------------------------------------


def test_s1_only_the_beheerder_opens_the_token_pages(issued, beheerder, deelnemer, politie):
    token, _key = issued
    pages = [issue_url(politie), revoke_url(token)]
    for url in pages:
        assert verified_client(beheerder).get(url).status_code == 200, url
        assert verified_client(deelnemer).get(url).status_code == 403, url
    refused = verified_client(deelnemer).post(
        issue_url(politie), {"name": "Stiekem", "reason": "Zelf een sleutel"}
    )
    assert refused.status_code == 403
    refused = verified_client(deelnemer).post(
        revoke_url(token), {"reason": "Weg ermee", "confirm": "on"}
    )
    assert refused.status_code == 403
    assert ApiToken.objects.count() == 1
    assert ApiToken.objects.get().revoked_at is None


def test_s1_the_party_page_lists_the_tokens_for_the_beheerder(issued, beheerder, politie):
    token, _key = issued
    detail = reverse("parties:party-detail", kwargs={"pk": politie.pk})
    page = verified_client(beheerder).get(detail)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Bedrijfsprocessensysteem" in content
    assert revoke_url(token) in content
    assert issue_url(politie) in content
    # The service account is listed with its token, not among the people of the party.
    assert reverse("parties:user-detail", kwargs={"pk": token.account.pk}) not in content


def test_s1_revoking_through_the_page_with_confirmation(issued, beheerder, politie):
    token, key = issued
    client = verified_client(beheerder)
    response = client.post(revoke_url(token), {"reason": "Contract beëindigd", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("parties:party-detail", kwargs={"pk": politie.pk})
    token.refresh_from_db()
    assert token.is_revoked
    assert token_client(key).get("/api/v1/partijen").status_code == 401
    # An already revoked token has no revoke page any more.
    assert client.get(revoke_url(token)).status_code == 302


def test_s1_the_revoke_page_without_confirmation_keeps_the_reason(issued, beheerder):
    token, key = issued
    response = verified_client(beheerder).post(
        revoke_url(token), {"reason": "Getypte reden blijft staan"}
    )
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    content = response.content.decode()
    assert "Getypte reden blijft staan" in content
    assert 'role="alert"' in content
    token.refresh_from_db()
    assert not token.is_revoked
    assert token_client(key).get("/api/v1/partijen").status_code == 200


def test_s1_the_issue_page_without_reason_issues_nothing(beheerder, politie):
    response = verified_client(beheerder).post(issue_url(politie), {"name": "Systeem X"})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert "Systeem X" in response.content.decode()
    assert "key" not in response.context
    assert not ApiToken.objects.exists()


def test_s1_a_token_of_another_party_has_no_revoke_page_here(issued, beheerder, gemeente):
    token, _key = issued
    url = reverse("parties:token-revoke", kwargs={"pk": gemeente.pk, "token_pk": token.pk})
    assert verified_client(beheerder).get(url).status_code == 404


def test_s1_another_function_of_the_beheerder_party_is_refused(gemeente, politie):
    uitvoerder = make_user(gemeente, Function.UITVOERDER)
    assert verified_client(uitvoerder).get(issue_url(politie)).status_code == 403
