"""P1, P2, P3, P5, P6, P7: parties are data, users act for one party in functions, every
authorisation change is recorded, leaving parties and undeclared partners lose access."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parties import services
from parties.constants import AuthorisationAction, Function, PartyKind, PartyRole
from parties.groups import function_group_name
from parties.models import AuthorisationChange, Party
from parties.permissions import access_refusal
from tests.conftest import verified_client
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user, record_declaration

pytestmark = pytest.mark.django_db


# --- P1 ---------------------------------------------------------------------------------------


def test_p1_kinds_give_the_covenant_roles():
    assert PartyFactory(gemeente=True).role == PartyRole.KERNPARTIJ
    assert PartyFactory(om=True).role == PartyRole.KERNPARTIJ
    assert PartyFactory().role == PartyRole.KERNPARTIJ  # politie
    assert PartyFactory(rvdk=True).role == PartyRole.CASUSPARTIJ
    assert PartyFactory(kind=PartyKind.RECLASSERING).role == PartyRole.CASUSPARTIJ
    assert PartyFactory(extern=True).role == PartyRole.EXTERN
    # A VH care partner: a casuspartij unless the beheerder says otherwise.
    assert PartyFactory(kind=PartyKind.GGZ).role == PartyRole.CASUSPARTIJ
    assert PartyFactory(kind=PartyKind.WELZIJN, role=PartyRole.EXTERN).role == PartyRole.EXTERN


def test_p1_the_list_of_parties_is_data_and_each_has_its_group():
    party = PartyFactory(kind=PartyKind.WONINGCORPORATIE, name="Woningstichting Haarlem")
    assert Party.objects.filter(name="Woningstichting Haarlem").exists()
    assert Group.objects.get(party=party) == party.group


def test_p1_a_gemeente_needs_its_municipality_code():
    with pytest.raises(ValidationError) as refused:
        services.create_party(
            name="Gemeente Zonder Code",
            kind=PartyKind.GEMEENTE,
            veiligheidshuizen=[VeiligheidshuisFactory()],
            joined_on=date(2024, 1, 1),
            by=None,
            reason="test",
        )
    assert "municipality_code" in refused.value.error_dict


def test_p1_the_database_refuses_a_gemeente_without_code(gemeente):
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.filter(pk=gemeente.pk).update(municipality_code="")


# --- P7 ---------------------------------------------------------------------------------------


def test_p7_one_installation_serves_several_veiligheidshuizen():
    regions = [VeiligheidshuisFactory() for _ in range(3)]
    politie = PartyFactory(veiligheidshuizen=regions)
    haarlem = PartyFactory(gemeente=True, veiligheidshuizen=regions[:1])
    assert set(politie.veiligheidshuizen.all()) == set(regions)
    assert list(haarlem.veiligheidshuizen.all()) == regions[:1]
    assert list(regions[1].parties.all()) == [politie]


# --- P2 ---------------------------------------------------------------------------------------


def test_p2_a_user_acts_for_one_party_in_several_functions(gemeente):
    region = gemeente.veiligheidshuizen.get()
    user = make_user(gemeente, Function.UITVOERDER, Function.VOORZITTER, files=[region])
    names = set(user.groups.values_list("name", flat=True))
    assert names == {
        gemeente.group.name,
        function_group_name(Function.UITVOERDER),
        function_group_name(Function.VOORZITTER),
        # P8: the party's group for the weegploeg it is authorised for, and as uitvoerder with
        # read-write the keeper group of that file.
        f"bestand:weegploeg:{region.code}:partij:{gemeente.pk}",
        f"bestand:weegploeg:{region.code}:uitvoerders",
    }


def test_p2_a_user_cannot_act_for_a_second_party(gemeente, politie):
    user = make_user(gemeente)
    with pytest.raises(ValidationError):
        services.grant_membership(user, party=politie, functions=["deelnemer"], by=None, reason="x")
    assert user.membership.party == gemeente


def test_p2_functions_carry_model_permissions_only_for_their_task(gemeente):
    beheerder = make_user(gemeente, Function.BEHEERDER)
    deelnemer = make_user(gemeente, Function.DEELNEMER)
    assert beheerder.has_perm("parties.manage_authorisations")
    assert not deelnemer.has_perm("parties.manage_authorisations")


def test_p2_groups_follow_function_changes(beheerder, gemeente):
    user = make_user(gemeente, Function.DEELNEMER)
    services.change_functions(
        user.membership, functions=[Function.CASEMANAGER], by=beheerder, reason="nieuwe taak"
    )
    names = set(user.groups.values_list("name", flat=True))
    assert function_group_name(Function.CASEMANAGER) in names
    assert function_group_name(Function.DEELNEMER) not in names


# --- P3 ---------------------------------------------------------------------------------------


def test_p3_granting_changing_and_revoking_are_recorded_with_who_when_what_why(beheerder, politie):
    user = make_user(politie, Function.DEELNEMER)
    services.change_functions(
        user.membership,
        functions=[Function.DEELNEMER, Function.CASEMANAGER],
        by=beheerder,
        reason="Casemanager in de casus",
    )
    services.revoke_membership(user.membership, by=beheerder, reason="Uit dienst")
    changes = list(AuthorisationChange.objects.filter(user=user).order_by("at", "pk"))
    assert [change.action for change in changes] == [
        AuthorisationAction.MEMBERSHIP_GRANTED,
        AuthorisationAction.FUNCTIONS_CHANGED,
        AuthorisationAction.MEMBERSHIP_REVOKED,
    ]
    changed = changes[1]
    assert changed.actor == beheerder
    assert changed.at is not None
    assert changed.functions_before == [Function.DEELNEMER]
    assert changed.functions_after == [Function.CASEMANAGER, Function.DEELNEMER]
    assert changed.reason == "Casemanager in de casus"
    assert changes[2].reason == "Uit dienst"


def test_p3_a_change_without_reason_is_refused_and_nothing_changes(beheerder, politie):
    user = make_user(politie, Function.DEELNEMER)
    with pytest.raises(ValidationError) as refused:
        services.change_functions(
            user.membership, functions=[Function.VOORZITTER], by=beheerder, reason="  "
        )
    assert "reason" in refused.value.error_dict
    assert user.membership.function_codes() == [Function.DEELNEMER]


def test_p3_a_revoked_user_loses_every_group(beheerder, politie):
    user = make_user(politie)
    services.revoke_membership(user.membership, by=beheerder, reason="Uit dienst")
    assert not user.groups.exists()
    assert verified_client(user).get("/").status_code == 403


def test_p3_nobody_revokes_their_own_access(beheerder):
    with pytest.raises(ValidationError):
        services.revoke_membership(beheerder.membership, by=beheerder, reason="oeps")


# --- P5 ---------------------------------------------------------------------------------------


def test_p5_notice_ends_participation_three_months_later(beheerder, politie):
    services.give_notice(politie, notice_on=date(2026, 11, 30), by=beheerder, reason="Opgezegd")
    politie.refresh_from_db()
    assert politie.left_on == date(2027, 2, 28)
    change = AuthorisationChange.objects.get(action=AuthorisationAction.NOTICE_GIVEN)
    assert change.party == politie and change.actor == beheerder


def test_p5_users_of_a_leaving_party_lose_access_at_the_end_date(beheerder, politie):
    agent = make_user(politie)
    services.give_notice(politie, notice_on=date(2026, 11, 2), by=beheerder, reason="Opgezegd")
    with time_machine.travel(date(2027, 2, 1)):
        client = verified_client(agent)
        assert client.get("/").status_code == 200
        assert client.get("/api/v1/partijen").status_code == 200
    with time_machine.travel(date(2027, 2, 2)):
        client = verified_client(agent)
        response = client.get("/")
        assert response.status_code == 403
        assert "neemt niet meer deel" in response.content.decode()
        assert client.get("/api/v1/partijen").status_code == 403
    # Other parties keep their access.
    with time_machine.travel(date(2027, 2, 2)):
        assert verified_client(beheerder).get("/").status_code == 200


def test_p5_the_hourly_job_takes_the_groups_away_once(beheerder, politie):
    agent = make_user(politie)
    services.give_notice(politie, notice_on=date(2026, 11, 2), by=beheerder, reason="Opgezegd")
    assert services.end_departed_parties(today=date(2027, 2, 1)) == 0
    assert agent.groups.exists()
    assert services.end_departed_parties(today=date(2027, 2, 2)) == 1
    assert not agent.groups.exists()
    assert services.end_departed_parties(today=date(2027, 2, 3)) == 0  # idempotent
    ended = AuthorisationChange.objects.get(action=AuthorisationAction.ACCESS_ENDED)
    assert ended.user == agent and ended.actor is None


def test_p5_a_party_that_joins_later_has_access_from_its_start(region):
    newcomer = PartyFactory(
        kind=PartyKind.GGZ, joined_on=date(2027, 1, 1), veiligheidshuizen=[region]
    )
    member = make_user(newcomer)
    with time_machine.travel(date(2026, 12, 31)):
        assert access_refusal(member) is not None
    with time_machine.travel(date(2027, 1, 1)):
        assert access_refusal(member) is None


# --- P6 ---------------------------------------------------------------------------------------


def test_p6_an_external_partner_without_declaration_reaches_nothing(beheerder, region):
    partner = PartyFactory(extern=True, veiligheidshuizen=[region])
    member = make_user(partner)
    assert not member.groups.exists()
    client = verified_client(member)
    response = client.get("/")
    assert response.status_code == 403
    assert "geheimhoudingsverklaring" in response.content.decode()
    assert client.get("/api/v1/partijen").status_code == 403
    assert client.get("/api/v1/gebruikers/mij").status_code == 403


def test_p6_after_its_declaration_the_partner_may_act(beheerder, region):
    partner = PartyFactory(extern=True, veiligheidshuizen=[region])
    member = make_user(partner)
    record_declaration(partner, by=beheerder)
    assert member.groups.filter(pk=partner.group.pk).exists()
    assert verified_client(member).get("/").status_code == 200


def test_p6_only_external_partners_record_a_declaration(beheerder, politie):
    with pytest.raises(ValidationError):
        record_declaration(politie, by=beheerder)
