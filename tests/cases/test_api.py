"""The API of the ICO files under /api/v1/ (U5): C1, C3, C4, C6, C7, P6, S1, S2 through the same
queryset helpers and services as the pages.

Decided here: a case, measure, meeting or disclosure the user may not see answers 404, lists
answer empty; a service's refusal answers 404 too; an external partner sees no case at all, only
its disclosures, exactly as they were disclosed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases import disclosure_services, meeting_services, services
from cases.constants import CasePart, MeasureStatus
from cases.models import Disclosure, Measure
from parties import services as party_services
from parties.constants import Function
from security.models import AuditEntry
from subjects.categories import DataCategory
from tests.cases.factories import Ico
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, authorise, kennemerland, make_user
from tests.module_world import per_module
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
PERMISSION = "Politie, teamchef De Wit, 20-11-2026"
PARTICIPANTS = ["agent", "officier", "raad", "keeper"]
OUTSIDERS = ["ggz", "reclasseerder", "partner_user"]


def _ico():
    ico = Ico(kennemerland())
    ico.declare_partner()
    return ico


ico_built, ico = per_module(_ico, name="ico")


@pytest.fixture
def case(ico):
    case = ico.open_case(participants=[ico.politie, ico.om, ico.gemeente, ico.rvdk, ico.partner])
    services.add_measure(
        case,
        by=ico.keeper,
        description="Gesprek met de jongerenwerker.",
        owner=ico.politie,
        deadline=timezone.localdate() - timedelta(days=3),
    )
    return case


@pytest.fixture
def other(ico):
    """A casusoverleg of another Veiligheidshuis with its own case."""
    other = Ico(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek"))
    other.case = other.open_case()
    return other


def client_of(ico, who: str) -> Client:
    return verified_client(getattr(ico, who))


def token_client(ico, party) -> Client:
    beheerder = make_user(ico.gemeente, Function.BEHEERDER, username=f"beheerder-{party.pk}")
    token, key = party_services.issue_token(
        party, name="Koppeling", by=beheerder, reason="Koppeling casusoverleg"
    )
    authorise(token.account, ico.overleg)  # P8: the system is authorised like a person
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def assert_404(response):
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == PROBLEM


def invalid_names(response) -> set[str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    return {param["name"] for param in response.json()["invalidParams"]}


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def if_match(measure) -> dict:
    """The If-Match header with the measure's version as it is now (S1)."""
    measure.refresh_from_db()
    return {"If-Match": f'"{measure.version}"'}


def disclose(ico, case, **changes):
    values = {
        "by": ico.keeper,
        "partner": ico.partner,
        "parts": [CasePart.PERSONAL_DETAILS, CasePart.PLAN],
        "necessity": "De jongerenwerker voert het gesprek uit het plan.",
        "categories": [DataCategory.NAME_AND_ADDRESS, DataCategory.APPROACH],
        "provider": ico.politie,
        "provider_permission": PERMISSION,
    }
    return disclosure_services.disclose(case, **{**values, **changes})


def measure_body(ico, case, **changes):
    body = {
        "case": case.number,
        "description": "Huisbezoek door de wijkagent.",
        "owner": ico.politie.pk,
        "deadline": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    return {key: value for key, value in {**body, **changes}.items() if value is not None}


# --- C1, S1: who sees a case ------------------------------------------------------------------


@pytest.mark.parametrize("who", PARTICIPANTS)
def test_c1_s1_the_parties_taking_part_and_the_keeper_see_the_case(ico, case, who):
    client = client_of(ico, who)
    assert numbers(client.get("/api/v1/casussen")) == [case.number]
    assert client.get(f"/api/v1/casussen/{case.number}").status_code == 200
    assert client.get("/api/v1/maatregelen").json()["count"] == 1


@pytest.mark.parametrize("who", OUTSIDERS)
def test_c1_s1_non_participants_and_the_external_partner_get_404_and_empty_lists(ico, case, who):
    client = client_of(ico, who)
    assert_404(client.get(f"/api/v1/casussen/{case.number}"))
    assert numbers(client.get("/api/v1/casussen")) == []
    measure = case.measures.get()
    assert_404(client.get(f"/api/v1/maatregelen/{measure.pk}"))
    assert client.get("/api/v1/maatregelen").json()["count"] == 0


def test_c1_s1_taking_part_in_one_casusoverleg_shows_nothing_of_another(ico, case, other):
    for who in ("agent", "keeper"):
        client = client_of(ico, who)
        assert numbers(client.get("/api/v1/casussen")) == [case.number]
        assert_404(client.get(f"/api/v1/casussen/{other.case.number}"))
    assert numbers(client_of(other, "agent").get("/api/v1/casussen")) == [other.case.number]


def test_c1_a_casuspartij_gets_404_once_the_case_is_archived(ico, case):
    raad, agent = client_of(ico, "raad"), client_of(ico, "agent")
    assert raad.get(f"/api/v1/casussen/{case.number}").status_code == 200
    services.archive(case, by=None)
    assert_404(raad.get(f"/api/v1/casussen/{case.number}"))
    assert numbers(raad.get("/api/v1/casussen")) == []
    assert agent.get(f"/api/v1/casussen/{case.number}").status_code == 200


def test_c1_a_party_that_stops_taking_part_gets_404_at_once(ico, case):
    services.end_participation(case, ico.rvdk, by=ico.keeper)
    assert_404(client_of(ico, "raad").get(f"/api/v1/casussen/{case.number}"))


def test_u5_without_credentials_the_cases_answer_401(client, case):
    assert client.get(f"/api/v1/casussen/{case.number}").status_code == 401


def test_c11_every_user_who_may_act_reads_the_casusoverleggen(ico):
    response = client_of(ico, "ggz").get("/api/v1/casusoverleggen")
    assert response.status_code == 200
    [overleg] = response.json()["results"]
    assert overleg["name"] == ico.overleg.name
    assert overleg["veiligheidshuis"] == ico.region.code
    assert overleg["covenantReference"] == "CTER-NH-2017"
    # C11, B3, B4: the terms of its file, read-only (CTER 13: the defaults).
    assert overleg["retentionTerms"] == {
        "archiveAfterMonths": 12,
        "archiveFrom": "laatste-verwerking",
        "destroyAfterMonths": 60,
        "notAgenderedDestroyAfterMonths": None,
        "description": overleg["retentionTerms"]["description"],
    }
    assert "12" in overleg["retentionTerms"]["description"]
    assert set(overleg["participants"]) == {
        party.pk for party in (ico.politie, ico.om, ico.gemeente, ico.rvdk, ico.reclassering)
    }


# --- C1, C3: the file -------------------------------------------------------------------------


def test_c1_c3_the_case_holds_naw_identity_participants_plan_and_overdue_measures(ico, case):
    services.set_goals(case, ["care"], by=ico.keeper)
    body = client_of(ico, "officier").get(f"/api/v1/casussen/{case.number}").json()
    assert body["person"]["surname"] == "Yilmaz"
    assert body["person"]["givenNames"] == "Sara"
    assert body["identityMethod"] == "brp"
    assert body["hasOverdueMeasures"] is True
    assert {row["party"] for row in body["participants"]} >= {ico.politie.pk, ico.partner.pk}
    assert body["goals"] == ["care"]
    [measure] = body["measures"]
    assert measure["isOverdue"] is True
    assert measure["owner"] == ico.politie.pk
    for key in ("signals", "findings", "relatedPeople", "closings"):
        assert body[key] == []


def test_c1_the_list_shows_no_personal_data_and_filters(ico, case, other):
    second = ico.open_case(surname="Bakker")
    services.archive(second, by=None)
    client = client_of(ico, "keeper")
    row = client.get("/api/v1/casussen").json()["results"][0]
    assert "person" not in row and "surname" not in row
    assert set(numbers(client.get("/api/v1/casussen?status=active"))) == {case.number}
    assert set(numbers(client.get("/api/v1/casussen?status=archived"))) == {second.number}
    assert numbers(client.get(f"/api/v1/casussen?search={case.number[-3:]}")) == [case.number]
    overleg = f"/api/v1/casussen?casusoverleg={ico.overleg.pk}"
    assert set(numbers(client.get(overleg))) == {case.number}  # B3: not the archived one
    assert set(numbers(client.get(f"{overleg}&status=archived"))) == {second.number}
    assert numbers(client.get(f"/api/v1/casussen?casusoverleg={other.overleg.pk}")) == []
    assert invalid_names(client.get("/api/v1/casussen?status=gone")) == {"status"}


# --- C3: measures -----------------------------------------------------------------------------


def test_c3_the_keeper_adds_a_measure(ico, case):
    response = post(client_of(ico, "keeper"), "/api/v1/maatregelen", measure_body(ico, case))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["case"] == case.number
    assert (body["status"], body["isOverdue"]) == (MeasureStatus.PLANNED, False)
    assert response["Location"].endswith(f"/api/v1/maatregelen/{body['id']}")
    assert case.measures.count() == 2


@pytest.mark.parametrize("who", ["agent", "raad", "ggz", "partner_user"])
def test_c3_anyone_but_the_keeper_gets_404_adding_a_measure(ico, case, who):
    assert_404(post(client_of(ico, who), "/api/v1/maatregelen", measure_body(ico, case)))
    assert case.measures.count() == 1


def test_c3_u5_invalid_measure_input_is_a_400_naming_the_field(ico, case):
    client = client_of(ico, "keeper")
    url = "/api/v1/maatregelen"
    assert invalid_names(post(client, url, measure_body(ico, case, deadline="morgen"))) == {
        "deadline"
    }
    missing = measure_body(ico, case)
    del missing["description"]
    assert invalid_names(post(client, url, missing)) == {"description"}
    # The service's rule: the owner takes part in the case.
    outsider = measure_body(ico, case, owner=ico.outsider.pk)
    assert invalid_names(post(client, url, outsider)) == {"owner"}
    assert case.measures.count() == 1


def test_c3_progress_by_the_owning_party_the_keeper_but_not_another_party(ico, case):
    measure = case.measures.get()
    url = f"/api/v1/maatregelen/{measure.pk}/voortgang"
    body = {"text": "Gesprek gevoerd.", "status": "done"}
    response = post(client_of(ico, "agent"), url, body, **if_match(measure))
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Gesprek gevoerd."
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE
    done = post(client_of(ico, "keeper"), url, {"text": "Afgerond."}, **if_match(measure))
    assert done.status_code == 201
    # The OM sees the measure, but does not own it: 404 as for any refusal.
    assert_404(post(client_of(ico, "officier"), url, {"text": "Niet van ons."}))
    assert_404(post(client_of(ico, "ggz"), url, {"text": "Niet van ons."}))
    assert invalid_names(post(client_of(ico, "agent"), url, {"status": "gone"})) == {
        "text",
        "status",
    }
    assert measure.notes.count() == 2
    detail = client_of(ico, "officier").get(f"/api/v1/maatregelen/{measure.pk}").json()
    assert [note["text"] for note in detail["notes"]] == ["Afgerond.", "Gesprek gevoerd."]


# --- C4: meetings -----------------------------------------------------------------------------


def test_c4_the_keeper_and_the_chair_see_the_meeting_with_its_agenda(ico, case):
    meeting = meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=[case],
        by=ico.keeper,
    )
    url = f"/api/v1/bijeenkomsten/{meeting.pk}"
    for who in ("keeper", "chair"):
        client = client_of(ico, who)
        listed = client.get("/api/v1/bijeenkomsten").json()["results"]
        assert [row["caseCount"] for row in listed] == [1], who
    body = client_of(ico, "keeper").get(url).json()
    [item] = body["agenda"]
    assert item["case"] == case.number
    [due] = item["measures"]
    assert due["isOverdue"] is True
    # ADR 0011: a participant who neither keeps nor chairs sees the cases it may see on the
    # agenda; an outsider does not see the meeting.
    agenda = client_of(ico, "agent").get(url).json()["agenda"]
    assert [row["case"] for row in agenda] == [case.number]
    for who in ("ggz", "partner_user"):
        assert_404(client_of(ico, who).get(url))
        assert client_of(ico, who).get("/api/v1/bijeenkomsten").json()["count"] == 0


# --- C6, P6: disclosures ----------------------------------------------------------------------


def test_c6_p6_the_partner_sees_only_its_disclosures_exactly_as_disclosed(ico, case):
    disclosure = disclose(ico, case)
    client = client_of(ico, "partner_user")
    [row] = client.get("/api/v1/verstrekkingen").json()["results"]
    assert row["id"] == disclosure.pk
    assert row["snapshot"] == disclosure.snapshot
    assert set(row["snapshot"]) == {CasePart.PERSONAL_DETAILS, CasePart.PLAN}
    assert "providerPermission" not in row
    # A later change of the case leaves what was disclosed as it was.
    services.add_measure(
        case,
        by=ico.keeper,
        description="Nieuw.",
        owner=ico.gemeente,
        deadline=timezone.localdate(),
    )
    detail = client.get(f"/api/v1/verstrekkingen/{disclosure.pk}").json()
    assert detail["snapshot"] == row["snapshot"]
    assert len(detail["snapshot"][CasePart.PLAN]["measures"]) == 1
    # Nothing else of the case.
    assert_404(client.get(f"/api/v1/casussen/{case.number}"))
    assert_404(client.get(f"/api/v1/maatregelen/{case.measures.first().pk}"))


def test_c6_others_do_not_see_the_disclosures(ico, case):
    disclosure = disclose(ico, case)
    for who in ("agent", "ggz", "raad"):
        assert_404(client_of(ico, who).get(f"/api/v1/verstrekkingen/{disclosure.pk}"))
    assert client_of(ico, "keeper").get(f"/api/v1/verstrekkingen/{disclosure.pk}").json()[
        "providerPermission"
    ] == (PERMISSION)


def test_c6_p6_the_partner_loses_its_disclosures_when_it_stops_taking_part(ico, case):
    disclosure = disclose(ico, case)
    services.end_participation(case, ico.partner, by=ico.keeper)
    client = client_of(ico, "partner_user")
    assert_404(client.get(f"/api/v1/verstrekkingen/{disclosure.pk}"))
    assert client.get("/api/v1/verstrekkingen").json()["count"] == 0


def test_c6_the_keeper_discloses_and_invalid_input_names_the_field(ico, case):
    body = {
        "case": case.number,
        "partner": ico.partner.pk,
        "parts": [CasePart.PERSONAL_DETAILS],
        "categories": [DataCategory.NAME_AND_ADDRESS],
        "necessity": "Voor het gesprek.",
        "provider": ico.politie.pk,
        "providerPermission": PERMISSION,
    }
    client = client_of(ico, "keeper")
    response = post(client, "/api/v1/verstrekkingen", body)
    assert response.status_code == 201, response.content
    assert set(response.json()["snapshot"]) == {CasePart.PERSONAL_DETAILS}
    assert invalid_names(post(client, "/api/v1/verstrekkingen", {**body, "parts": ["all"]})) == {
        "parts.0"
    }
    # Service rules keep their field, in camelCase.
    assert invalid_names(
        post(client, "/api/v1/verstrekkingen", {**body, "providerPermission": " "})
    ) == {"providerPermission"}
    assert invalid_names(
        post(client, "/api/v1/verstrekkingen", {**body, "partner": ico.politie.pk})
    ) == {"partner"}
    assert Disclosure.objects.count() == 1
    for who in ("agent", "partner_user"):
        assert_404(post(client_of(ico, who), "/api/v1/verstrekkingen", body))
    assert Disclosure.objects.count() == 1


# --- S2: reads are audited --------------------------------------------------------------------


def test_s2_a_retrieve_writes_an_access_entry_with_actor_and_party(ico, case):
    accesses = AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS)
    client = client_of(ico, "agent")
    assert client.get(f"/api/v1/casussen/{case.number}").status_code == 200
    entry = accesses.get()
    assert (entry.actor, entry.actor_party) == (ico.agent, ico.politie)
    assert entry.actor_party_name == ico.politie.name


def test_s2_a_refused_retrieve_writes_no_access_entry(ico, case):
    client_of(ico, "ggz").get(f"/api/v1/casussen/{case.number}")
    assert not AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS)


# --- S1, U5: party tokens ---------------------------------------------------------------------


def test_s1_u5_a_token_of_a_participating_kernpartij_follows_the_same_rules(ico, case, other):
    client = token_client(ico, ico.politie)
    assert numbers(client.get("/api/v1/casussen")) == [case.number]
    assert client.get(f"/api/v1/casussen/{case.number}").status_code == 200
    assert_404(client.get(f"/api/v1/casussen/{other.case.number}"))
    assert_404(post(client, "/api/v1/maatregelen", measure_body(ico, case)))
    entries = AuditEntry.objects.get_for_object(case).filter(action=AuditEntry.Action.ACCESS)
    assert {entry.actor_party for entry in entries} == {ico.politie}


def test_s1_u5_a_token_of_a_party_not_taking_part_gets_404(ico, case):
    client = token_client(ico, ico.outsider)
    assert_404(client.get(f"/api/v1/casussen/{case.number}"))
    assert numbers(client.get("/api/v1/casussen")) == []


# --- U5: the number of queries does not grow with the rows -------------------------------------


def add_cases(ico, count: int) -> None:
    for n in range(count):
        case = ico.open_case(
            participants=[ico.politie, ico.om, ico.gemeente, ico.partner], surname=f"Persoon{n}"
        )
        meeting_services.hold_meeting(
            casusoverleg=ico.overleg,
            held_on=timezone.localdate(),
            chair=ico.chair,
            attendees=[ico.politie, ico.gemeente],
            cases=[case],
            by=ico.keeper,
        )
        disclose(ico, case)
        services.add_measure(
            case,
            by=ico.keeper,
            description="Gesprek.",
            owner=ico.politie,
            deadline=timezone.localdate() - timedelta(days=1),
        )


def test_u5_c1_the_queries_of_the_lists_do_not_grow_with_the_rows(ico):
    client = client_of(ico, "keeper")
    add_cases(ico, 5)
    client.get("/api/v1/casussen")  # warms the caches of a first request (content types)
    lists = ["casussen", "maatregelen", "casusoverleggen", "bijeenkomsten", "verstrekkingen"]
    few = {resource: count_queries(client, f"/api/v1/{resource}") for resource in lists}
    assert client.get("/api/v1/casussen").json()["count"] == 5
    add_cases(ico, 45)
    many = {resource: count_queries(client, f"/api/v1/{resource}") for resource in lists}
    assert client.get("/api/v1/casussen").json()["count"] == 50
    assert Measure.objects.count() == 50
    assert client.get("/api/v1/bijeenkomsten").json()["count"] == 50
    assert client_of(ico, "partner_user").get("/api/v1/verstrekkingen").json()["count"] == 50
    assert few == many


def test_c3_a_status_change_the_table_refuses_is_a_400_naming_status(ico, case):
    """Issue 8, finding 3: the measure's status moves through cases.transitions, in the API too."""
    measure = case.measures.get()
    url = f"/api/v1/maatregelen/{measure.pk}/voortgang"
    client = client_of(ico, "keeper")
    done = post(client, url, {"text": "Afgerond.", "status": "done"}, **if_match(measure))
    assert done.status_code == 201
    refused = post(client, url, {"text": "Toch opnieuw.", "status": "planned"}, **if_match(measure))
    assert invalid_names(refused) == {"status"}
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE and measure.notes.count() == 1
