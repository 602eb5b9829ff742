"""P1-P3, P5, P6 in the browser pages of the beheerder (U1): who may use them and who may not,
every change recorded with its reason, bad input refused without losing what was typed."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.constants import AuthorisationAction, Function, PartyKind
from parties.models import AuthorisationChange, Party, User
from parties.permissions import access_refusal
from tests.conftest import verified_client
from tests.factories import PartyFactory, make_user

pytestmark = pytest.mark.django_db

BEHEER_PAGES = [
    ("parties:party-list", False),
    ("parties:party-create", False),
    ("parties:party-detail", True),
    ("parties:party-update", True),
    ("parties:party-notice", True),
    ("parties:user-list", False),
    ("parties:user-create", False),
]


def url(name, party=None):
    return reverse(name, kwargs={"pk": party.pk}) if party else reverse(name)


@pytest.mark.parametrize(("name", "needs_party"), BEHEER_PAGES)
def test_p3_the_beheerder_opens_every_beheer_page(beheerder, politie, name, needs_party):
    response = verified_client(beheerder).get(url(name, politie if needs_party else None))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "needs_party"), BEHEER_PAGES)
def test_p2_a_deelnemer_opens_no_beheer_page(deelnemer, politie, name, needs_party):
    response = verified_client(deelnemer).get(url(name, politie if needs_party else None))
    assert response.status_code == 403


def test_p2_a_deelnemer_changes_nothing_by_posting(deelnemer, politie):
    client = verified_client(deelnemer)
    response = client.post(
        url("parties:party-notice", politie),
        {"notice_on": "2026-11-01", "reason": "poging", "confirm": "on"},
    )
    assert response.status_code == 403
    politie.refresh_from_db()
    assert politie.left_on is None


def test_p2_django_admin_is_for_beheerders_only(beheerder, deelnemer):
    assert verified_client(beheerder).get("/admin/").status_code == 200
    assert verified_client(beheerder).get("/admin/parties/party/").status_code == 200
    client = verified_client(deelnemer)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_p1_the_beheerder_adds_a_party_in_the_browser(beheerder, region):
    response = verified_client(beheerder).post(
        url("parties:party-create"),
        {
            "name": "GGZ Kennemerland",
            "kind": PartyKind.GGZ,
            "role": "",
            "veiligheidshuizen": [region.pk],
            "joined_on": "2026-12-01",
            "reason": "Toegetreden (VH 23.4)",
        },
    )
    party = Party.objects.get(name="GGZ Kennemerland")
    assert response["Location"] == url("parties:party-detail", party)
    change = AuthorisationChange.objects.get(party=party)
    assert change.action == AuthorisationAction.PARTY_CREATED
    assert change.actor == beheerder and change.reason == "Toegetreden (VH 23.4)"


def test_p1_a_gemeente_without_code_is_refused_and_the_form_keeps_its_input(beheerder, region):
    response = verified_client(beheerder).post(
        url("parties:party-create"),
        {
            "name": "Gemeente Nieuwstad",
            "kind": PartyKind.GEMEENTE,
            "veiligheidshuizen": [region.pk],
            "joined_on": "2026-12-01",
            "reason": "Toegetreden",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "vier cijfers" in page
    assert 'value="Gemeente Nieuwstad"' in page
    assert not Party.objects.filter(name="Gemeente Nieuwstad").exists()


def test_p3_a_change_without_reason_keeps_what_was_typed(beheerder, politie):
    agent = make_user(politie)
    response = verified_client(beheerder).post(
        reverse("parties:functions-change", kwargs={"pk": agent.pk}),
        {"functions": [Function.VOORZITTER]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit veld is vereist" in page
    assert re.search(r'<input[^>]*value="voorzitter"[^>]*checked', page)
    assert agent.membership.function_codes() == [Function.DEELNEMER]


def test_p3_functions_revocation_and_new_membership_in_the_browser(beheerder, politie, gemeente):
    agent = make_user(politie)
    client = verified_client(beheerder)
    client.post(
        reverse("parties:functions-change", kwargs={"pk": agent.pk}),
        {"functions": [Function.CASEMANAGER], "reason": "Nieuwe rol"},
    )
    revoke = reverse("parties:membership-revoke", kwargs={"pk": agent.pk})
    refused = client.post(revoke, {"reason": "Vertrokken"})
    assert refused.status_code == 200  # the confirmation is required
    assert "Vertrokken" in refused.content.decode()
    client.post(revoke, {"reason": "Vertrokken", "confirm": "on"})
    agent.refresh_from_db()
    assert agent.membership.ended_on is not None
    assert not agent.groups.exists()
    client.post(
        reverse("parties:membership-grant", kwargs={"pk": agent.pk}),
        {"party": gemeente.pk, "functions": [Function.DEELNEMER], "reason": "Overgestapt"},
    )
    agent = User.objects.get(pk=agent.pk)
    assert agent.membership.party == gemeente and agent.membership.ended_on is None
    actions = list(
        AuthorisationChange.objects.filter(user=agent)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        AuthorisationAction.MEMBERSHIP_GRANTED,
        AuthorisationAction.FUNCTIONS_CHANGED,
        AuthorisationAction.MEMBERSHIP_REVOKED,
        AuthorisationAction.MEMBERSHIP_GRANTED,
    ]


def test_s4_the_beheerder_creates_a_user_and_weak_passwords_are_refused(beheerder, politie):
    client = verified_client(beheerder)
    data = {
        "username": "nieuwe.agent",
        "first_name": "Nieuwe",
        "last_name": "Agent",
        "email": "nieuwe.agent@example.org",
        "password": "wachtwoord",
        "party": politie.pk,
        "functions": [Function.DEELNEMER],
        "reason": "In dienst",
    }
    refused = client.post(url("parties:user-create"), data)
    assert refused.status_code == 200
    assert 'value="nieuwe.agent"' in refused.content.decode()
    assert not User.objects.filter(username="nieuwe.agent").exists()
    data["password"] = "Een-sterk-wachtwoord-2026"
    response = client.post(url("parties:user-create"), data)
    user = User.objects.get(username="nieuwe.agent")
    assert response["Location"] == reverse("parties:user-detail", kwargs={"pk": user.pk})
    assert user.membership.party == politie
    assert user.groups.filter(pk=politie.group.pk).exists()


def test_p5_the_beheerder_records_a_notice_after_confirmation(beheerder, politie):
    client = verified_client(beheerder)
    notice = url("parties:party-notice", politie)
    refused = client.post(notice, {"notice_on": "2026-11-02", "reason": "Opgezegd"})
    assert refused.status_code == 200
    politie.refresh_from_db()
    assert politie.left_on is None
    response = client.post(
        notice, {"notice_on": "2026-11-02", "reason": "Opgezegd", "confirm": "on"}
    )
    assert response.status_code == 302
    politie.refresh_from_db()
    assert politie.left_on == date(2027, 2, 2)


def test_p6_the_beheerder_records_a_declaration_and_the_partner_may_act(beheerder, region):
    partner = PartyFactory(extern=True, veiligheidshuizen=[region])
    member = make_user(partner)
    assert access_refusal(member) is not None
    client = verified_client(beheerder)
    detail = client.get(url("parties:party-detail", partner)).content.decode()
    assert "nog geen geheimhoudingsverklaring" in detail
    client.post(
        url("parties:declaration-create", partner),
        {"signed_on": "2026-11-01", "signed_by": "J. Directeur", "document_reference": "GV-9"},
    )
    assert access_refusal(member) is None


def test_u1_lists_search_filter_and_paginate(beheerder, region):
    for number in range(30):
        PartyFactory(
            kind=PartyKind.WELZIJN, name=f"Welzijn {number:02d}", veiligheidshuizen=[region]
        )
    client = verified_client(beheerder)
    first = client.get(url("parties:party-list"), {"kind": PartyKind.WELZIJN}).content.decode()
    assert "Welzijn 00" in first and "Welzijn 29" not in first
    assert "Pagina 1 van 2" in first
    second = client.get(url("parties:party-list"), {"kind": PartyKind.WELZIJN, "page": 2})
    assert "Welzijn 29" in second.content.decode()
    found = client.get(url("parties:party-list"), {"q": "Welzijn 17"}).content.decode()
    assert "Welzijn 17" in found and "Welzijn 16" not in found
    empty = client.get(url("parties:party-list"), {"q": "bestaat niet"}).content.decode()
    assert "Geen partijen gevonden" in empty


def test_p3_the_authorisation_log_is_for_beheerder_and_fg(beheerder, gemeente, deelnemer):
    fg = make_user(gemeente, Function.FG)
    log = url("parties:authorisation-log")
    assert verified_client(beheerder).get(log).status_code == 200
    page = verified_client(fg).get(log, {"action": AuthorisationAction.MEMBERSHIP_GRANTED})
    assert page.status_code == 200
    assert "Lidmaatschap verleend" in page.content.decode()
    assert verified_client(deelnemer).get(log).status_code == 403


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["parties:party-list", "parties:user-list"])
def test_u1_list_pages_query_the_same_with_5_or_50_rows(beheerder, region, name):
    client = verified_client(beheerder)
    party = PartyFactory(kind=PartyKind.GGZ, veiligheidshuizen=[region])
    for _ in range(5):
        make_user(PartyFactory(kind=PartyKind.WELZIJN, veiligheidshuizen=[region]))
    few = _queries(client, url(name))
    for _ in range(45):
        make_user(party)
        PartyFactory(kind=PartyKind.WELZIJN, veiligheidshuizen=[region])
    assert _queries(client, url(name)) == few


def test_u2_every_page_shows_the_party_and_the_navigation_of_the_functions(beheerder, deelnemer):
    beheer = verified_client(beheerder).get("/").content.decode()
    assert "Gemeente Haarlem" in beheer and "Beheerder" in beheer
    assert reverse("parties:party-list") in beheer
    agent = verified_client(deelnemer).get("/").content.decode()
    assert "Politie Noord-Holland" in agent and "Deelnemer" in agent
    assert reverse("parties:party-list") not in agent
    assert reverse("parties:authorisation-log") not in agent
