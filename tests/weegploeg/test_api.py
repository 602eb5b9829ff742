"""The weegploeg API under /api/v1/ (U5): W1, W3, W4, P7, S1, S2, C8 through the same queryset
and permission helpers as the pages.

Decided here: every endpoint of the file answers 404 to a casuspartij or an external partner,
lists included, so they cannot learn the file exists (W4, P7); a dossier the user may not see, or
may not keep for a write, answers 404 as if it did not exist; a kernpartij member entering a
signal for another party gets 403 (the party is public, no dossier is revealed)."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parties import services as party_services
from rights.models import DutyToInform
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import authorise, kennemerland
from tests.module_world import per_module
from tests.weegploeg.factories import PERSON, Weegploeg, analyse, declared, full_dossier, signal
from weegploeg import services
from weegploeg.constants import AssessmentStatus, Finding, Outcome
from weegploeg.models import Analysis, Assessment, Decision, FrameworkVersion, Meeting, Signal

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
LISTS = ["wegingen", "signalen", "analyses", "beslissingen", "overleggen"]
SEE = ["agent", "officier", "haarlemmer", "uitvoerder"]
NOT_IN_FILE = ["raad", "partner"]


wp_built, wp = per_module(lambda: declared(kennemerland()), name="wp")


@pytest.fixture
def dossier(wp):
    return full_dossier(wp)


def client_of(wp, who: str) -> Client:
    return verified_client(getattr(wp, who))


def token_client(wp, party) -> Client:
    token, key = party_services.issue_token(
        party, name="Koppeling", by=wp.beheerder, reason="Koppeling weegploeg"
    )
    if party.is_kernpartij:  # a casuspartij cannot be authorised for the weegploeg
        authorise(token.account, wp.region)  # P8: the system is authorised like a person
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def numbers(response) -> list[str]:
    return [row["number"] for row in response.json()["results"]]


def assert_404(response):
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def invalid_names(response) -> dict[str, dict]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 400 and body["title"]
    return {param["name"]: param for param in body["invalidParams"]}


def detail_urls(dossier) -> dict[str, str]:
    assessment = dossier[Assessment]
    meeting = dossier[Decision].assessment.meetings.get()
    return {
        "wegingen": f"/api/v1/wegingen/{assessment.number}",
        "signalen": f"/api/v1/signalen/{dossier[Signal].pk}",
        "analyses": f"/api/v1/analyses/{dossier[Analysis].pk}",
        "beslissingen": f"/api/v1/beslissingen/{dossier[Decision].pk}",
        "overleggen": f"/api/v1/overleggen/{meeting.pk}",
    }


def signal_body(wp, **changes) -> dict:
    body = {
        "person": {
            "surname": "Bakker",
            "prefix": "de",
            "givenNames": "Anna",
            "dateOfBirth": "1988-03-02",
            "street": "Zijlweg",
            "houseNumber": "12",
            "postcode": "2013 DK",
            "municipality": "Haarlem",
            "municipalityCode": "0392",
            "bsn": "",
        },
        "behaviour": "Riep op tot geweld in een besloten groep.",
        "observedOn": "2026-11-05",
        "reporterName": "Wijkagent Smit",
        "reporterContact": "06-87654321",
        "broughtBy": wp.politie.pk,
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


BAKKER_BIRTH = {"date_of_birth": date(1988, 3, 2)}


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", headers=headers)


# --- W4, P7: who sees the file ----------------------------------------------------------------


@pytest.mark.parametrize("who", SEE)
def test_w4_p7_politie_om_the_gemeente_of_the_subject_and_the_uitvoerder_see_the_dossier(
    wp, dossier, who
):
    client = client_of(wp, who)
    number = dossier[Assessment].number
    assert numbers(client.get("/api/v1/wegingen")) == [number]
    for resource, url in detail_urls(dossier).items():
        response = client.get(url)
        assert response.status_code == 200, resource
        assert client.get(f"/api/v1/{resource}").json()["count"] == 1, resource


def test_w4_p7_a_gemeente_of_another_municipality_gets_404_and_empty_lists(wp, dossier):
    client = client_of(wp, "zandvoorter")
    for resource, url in detail_urls(dossier).items():
        assert_404(client.get(url))
        listed = client.get(f"/api/v1/{resource}")
        assert listed.status_code == 200, resource
        assert listed.json()["count"] == 0, resource


@pytest.mark.parametrize("who", NOT_IN_FILE)
def test_w4_p7_casuspartijen_and_external_partners_get_404_even_for_lists(wp, dossier, who):
    client = client_of(wp, who)
    for resource, url in detail_urls(dossier).items():
        assert_404(client.get(url))
        assert_404(client.get(f"/api/v1/{resource}"))


def test_w4_p7_a_gemeente_sees_only_the_dossiers_of_its_own_subjects(wp):
    haarlem = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    zandvoort = signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"municipality": "Zandvoort", "municipality_code": "0473", "surname": "Visser"},
    ).assessment
    assert numbers(client_of(wp, "haarlemmer").get("/api/v1/wegingen")) == [haarlem.number]
    assert numbers(client_of(wp, "zandvoorter").get("/api/v1/wegingen")) == [zandvoort.number]
    assert sorted(numbers(client_of(wp, "agent").get("/api/v1/wegingen"))) == sorted(
        [haarlem.number, zandvoort.number]
    )


def test_w4_p7_politie_of_another_veiligheidshuis_gets_404(wp, dossier):
    from tests.factories import VeiligheidshuisFactory

    other = Weegploeg(VeiligheidshuisFactory(code="elders"))
    client = verified_client(other.agent)
    assert client.get("/api/v1/wegingen").json()["count"] == 0
    assert_404(client.get(f"/api/v1/wegingen/{dossier[Assessment].number}"))


def test_u5_without_credentials_the_file_answers_401(client, dossier):
    response = client.get(f"/api/v1/wegingen/{dossier[Assessment].number}")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


# --- the dossier -------------------------------------------------------------------------------


def test_w3_the_dossier_holds_the_person_signals_analyses_with_findings_and_decisions(wp, dossier):
    assessment = dossier[Assessment]
    body = client_of(wp, "officier").get(f"/api/v1/wegingen/{assessment.number}").json()
    assert body["number"] == assessment.number
    assert body["status"] == AssessmentStatus.OPEN
    assert body["veiligheidshuis"] == wp.region.code
    assert body["person"] == {
        "surname": "Jansen",
        "prefix": "",
        "givenNames": "Piet",
        "dateOfBirth": "1990-05-17",
        "street": "Grote Markt",
        "houseNumber": "117b",
        "postcode": "2011RD",
        "municipality": "Haarlem",
        "municipalityCode": "0392",
        "bsn": "",
    }
    [entered] = body["signals"]
    assert entered["broughtBy"] == wp.politie.pk
    assert entered["reporterName"] == "Wijkagent de Vries"
    assert entered["assessment"] == assessment.number
    [analysis] = body["analyses"]
    assert analysis["frameworkVersion"] == 1
    assert {row["criterionCode"] for row in analysis["findings"]} == {"R1", "R2"}
    assert {row["finding"] for row in analysis["findings"]} == {Finding.MET}
    [decision] = body["decisions"]
    assert decision["outcome"] == Outcome.NOT_SUBSTANTIAL
    assert decision["reopenedAt"] and decision["reopeningReason"] == "Nieuw signaal."
    assert body["additionalInformation"][0]["party"] == wp.om.pk
    assert body["expertAdvice"][0]["adviser"] == "NCTV"


def test_issue13_w3_r6_a_dossiers_rows_are_built_once_for_its_read(wp, dossier, monkeypatch):
    """The detail reads the rows a reader sees of the dossier (R6, `dossier_rows`) in its own
    query and attaches what that query read: both from one set built once per request (issue
    13: building it was most of the detail's Python), with the same rows in the answer."""
    from weegploeg.api import viewsets

    built = []
    original = viewsets.dossier_rows

    def counted(user):
        built.append(user)
        return original(user)

    monkeypatch.setattr(viewsets, "dossier_rows", counted)
    assessment = dossier[Assessment]
    body = client_of(wp, "uitvoerder").get(f"/api/v1/wegingen/{assessment.number}").json()
    assert [user.username for user in built] == [wp.uitvoerder.username]
    assert body["signals"] and body["additionalInformation"] and body["expertAdvice"]


def test_w4_the_list_shows_no_personal_data_and_filters_on_status_and_number(wp):
    first = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    second = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Visser"}
    ).assessment
    analyse(second, by=wp.uitvoerder)
    services.decide(
        second,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende.",
        decided_on=date(2026, 11, 20),
    )
    client = client_of(wp, "agent")
    listed = client.get("/api/v1/wegingen").json()["results"]
    assert "person" not in listed[0] and "surname" not in str(listed)
    assert "Jansen" not in str(listed) and "Visser" not in str(listed)
    assert numbers(client.get("/api/v1/wegingen?status=decided")) == [second.number]
    assert numbers(client.get("/api/v1/wegingen?status=open")) == [first.number]
    assert numbers(client.get(f"/api/v1/wegingen?search={first.number[-3:]}")) == [first.number]
    assert "status" in invalid_names(client.get("/api/v1/wegingen?status=weg"))


def test_w4_signals_analyses_and_decisions_filter_on_the_dossier_number(wp, dossier):
    other = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Visser"}
    )
    client = client_of(wp, "agent")
    assert client.get("/api/v1/signalen").json()["count"] == 2
    filtered = client.get(f"/api/v1/signalen?assessment={other.assessment.number}").json()
    assert [row["id"] for row in filtered["results"]] == [other.pk]
    number = dossier[Assessment].number
    assert client.get(f"/api/v1/analyses?assessment={number}").json()["count"] == 1
    assert (
        client.get(f"/api/v1/beslissingen?assessment={other.assessment.number}").json()["count"]
        == 0
    )


def test_u5_a_trailing_slash_answers_404(wp, dossier):
    client = client_of(wp, "agent")
    for path in ("/api/v1/wegingen/", f"/api/v1/wegingen/{dossier[Assessment].number}/"):
        assert_404(client.get(path))


# --- S1, U5: a partner system's token has its party's rights ----------------------------------


def test_s1_u5_a_kernpartij_token_sees_what_its_party_sees(wp, dossier):
    number = dossier[Assessment].number
    client = token_client(wp, wp.politie)
    assert numbers(client.get("/api/v1/wegingen")) == [number]
    assert client.get(f"/api/v1/wegingen/{number}").status_code == 200
    zandvoort = token_client(wp, wp.zandvoort)
    assert zandvoort.get("/api/v1/wegingen").json()["count"] == 0
    assert_404(zandvoort.get(f"/api/v1/wegingen/{number}"))


def test_s1_u5_a_casuspartij_token_gets_404(wp, dossier):
    client = token_client(wp, wp.rvdk)
    assert_404(client.get("/api/v1/wegingen"))
    assert_404(client.get(f"/api/v1/wegingen/{dossier[Assessment].number}"))
    assert_404(post(client, "/api/v1/signalen", signal_body(wp, broughtBy=wp.rvdk.pk)))


def test_w1_s1_a_kernpartij_token_enters_a_signal_for_its_party(wp):
    client = token_client(wp, wp.politie)
    response = post(client, "/api/v1/signalen", signal_body(wp))
    assert response.status_code == 201, response.content
    entered = Signal.objects.get(pk=response.json()["id"])
    assert entered.brought_by == wp.politie
    assert entered.entered_by.membership.party == wp.politie


# --- W1: entering signals ---------------------------------------------------------------------


def test_w1_a_kernpartij_member_enters_a_signal_about_a_new_person(wp):
    response = post(client_of(wp, "agent"), "/api/v1/signalen", signal_body(wp))
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"].endswith(f"/api/v1/signalen/{body['id']}")
    assessment = Assessment.objects.get(number=body["assessment"])
    assert (assessment.surname, assessment.prefix, assessment.postcode) == (
        "Bakker",
        "de",
        "2013DK",
    )
    entered = assessment.signals.get()
    assert entered.brought_by == wp.politie and entered.entered_by == wp.agent
    assert body["behaviour"] == "Riep op tot geweld in een besloten groep."
    assert "person" not in body
    # The gemeente of the subject sees it at once, the other gemeente does not.
    assert numbers(client_of(wp, "haarlemmer").get("/api/v1/wegingen")) == [assessment.number]
    assert client_of(wp, "zandvoorter").get("/api/v1/wegingen").json()["count"] == 0


def test_w1_a_second_signal_joins_the_assessment_by_its_number(wp):
    first = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    number = first.assessment.number
    body = signal_body(wp, person=None, assessment=number, broughtBy=wp.om.pk)
    response = post(client_of(wp, "officier"), "/api/v1/signalen", body)
    assert response.status_code == 201, response.content
    assert response.json()["assessment"] == number
    assert first.assessment.signals.count() == 2


def test_w1_a_known_person_answers_409_with_the_dossiers_and_nothing_is_written(wp):
    known = signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"surname": "Bakker", "prefix": "de", "given_names": "Anna"} | BAKKER_BIRTH,
    ).assessment
    client = client_of(wp, "agent")
    response = post(client, "/api/v1/signalen", signal_body(wp))
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json()["possibleDuplicates"] == [known.number]
    assert Signal.objects.count() == 1
    # The client chooses: the known dossier, or a new one after all.
    chosen = signal_body(wp, person=None, assessment=known.number)
    assert post(client, "/api/v1/signalen", chosen).status_code == 201
    assert known.signals.count() == 2
    anew = post(client, "/api/v1/signalen", signal_body(wp, newDossier=True))
    assert anew.status_code == 201
    assert anew.json()["assessment"] != known.number


def test_w1_w4_the_409_names_only_dossiers_the_user_may_see(wp):
    signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"surname": "Bakker", "prefix": "de", "given_names": "Anna"} | BAKKER_BIRTH,
    )
    # Zandvoort does not see a dossier of a Haarlem subject: no warning that would reveal it.
    body = signal_body(wp, broughtBy=wp.zandvoort.pk)
    response = post(client_of(wp, "zandvoorter"), "/api/v1/signalen", body)
    assert response.status_code == 201, response.content


def test_w1_the_uitvoerder_enters_a_signal_on_behalf_of_a_kernpartij(wp):
    response = post(client_of(wp, "uitvoerder"), "/api/v1/signalen", signal_body(wp))
    assert response.status_code == 201, response.content
    assert Signal.objects.get().brought_by == wp.politie


def test_w1_a_member_entering_for_another_party_gets_403_and_nothing_is_stored(wp):
    body = signal_body(wp, broughtBy=wp.om.pk)
    response = post(client_of(wp, "agent"), "/api/v1/signalen", body)
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who", NOT_IN_FILE)
def test_w1_casuspartijen_and_partners_get_404_when_entering_signals(wp, who):
    party = getattr(wp, who).membership.party
    for brought_by in (party, wp.politie):
        body = signal_body(wp, broughtBy=brought_by.pk)
        assert_404(post(client_of(wp, who), "/api/v1/signalen", body))
    assert not Assessment.objects.exists()


def test_w1_w4_a_signal_for_a_dossier_the_member_may_not_see_answers_404(wp):
    haarlem = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    body = signal_body(wp, person=None, assessment=haarlem.number, broughtBy=wp.zandvoort.pk)
    assert_404(post(client_of(wp, "zandvoorter"), "/api/v1/signalen", body))
    unknown = signal_body(wp, person=None, assessment="W-1999-00001")
    assert_404(post(client_of(wp, "agent"), "/api/v1/signalen", unknown))
    assert haarlem.signals.count() == 1


def test_u5_invalid_signal_input_is_a_400_naming_each_field(wp):
    client = client_of(wp, "agent")
    body = signal_body(wp, observedOn="gisteren", reporterName="")
    body["person"] = {**body["person"], "postcode": "onbekend", "bsn": "123456789"}
    del body["behaviour"]
    params = invalid_names(post(client, "/api/v1/signalen", body))
    assert {"observedOn", "reporterName", "behaviour", "person.postcode", "person.bsn"} <= set(
        params
    )
    assert params["observedOn"]["code"] == "invalid" and params["observedOn"]["reason"]
    assert params["behaviour"]["code"] == "required"

    existing = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    both = signal_body(wp, assessment=existing.number)
    assert "person" in invalid_names(post(client, "/api/v1/signalen", both))
    neither = signal_body(wp, person=None)
    assert "person" in invalid_names(post(client, "/api/v1/signalen", neither))
    assert Signal.objects.get().assessment == existing


def test_u5_a_service_refusal_is_a_400_with_its_reason(wp, dossier):
    assessment = dossier[Assessment]
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende.",
        decided_on=date(2026, 12, 1),
    )
    body = signal_body(wp, person=None, assessment=assessment.number)
    params = invalid_names(post(client_of(wp, "agent"), "/api/v1/signalen", body))
    assert "heropen haar eerst" in params["nonFieldErrors"]["reason"]


# --- C8 ---------------------------------------------------------------------------------------


def test_c8_a_signal_naming_an_ethnicity_is_a_400_naming_the_rule(wp):
    body = signal_body(wp, behaviour="Betrokkene van Marokkaanse afkomst deelde filmpjes.")
    params = invalid_names(post(client_of(wp, "agent"), "/api/v1/signalen", body))
    assert params["behaviour"]["code"] == "forbidden_category"
    assert "nationalit" in params["behaviour"]["reason"]
    assert not Assessment.objects.exists()


def test_c8_the_guard_of_the_services_keeps_its_field_and_rule(wp, dossier):
    """A refusal that only the service sees (here its model's full_clean) keeps the field."""
    from django.core.exceptions import ValidationError

    from config.api import as_api_error

    try:
        services.record_check(
            dossier[Assessment], by=wp.uitvoerder, outcome="corrected", correction="Syriër"
        )
    except ValidationError as refused:
        detail = as_api_error(refused).detail
    assert detail["correction"][0].code == "forbidden_category"
    assert "nationalit" in str(detail["correction"][0])


# --- W2, W3, W7: the uitvoerder's writes ------------------------------------------------------


def findings_body(assessment, text="Uit de signalen blijkt dit."):
    version = FrameworkVersion.objects.first()
    return {
        "assessment": assessment.number,
        "summary": "Samenvatting.",
        "findings": [
            {"criterion": criterion.pk, "finding": Finding.MET, "explanation": text}
            for criterion in version.criteria.all()
        ],
    }


@pytest.fixture
def open_dossier(wp):
    from tests.weegploeg.factories import framework

    framework(wp.uitvoerder)
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment


def test_w2_the_uitvoerder_records_an_analysis(wp, open_dossier):
    response = post(client_of(wp, "uitvoerder"), "/api/v1/analyses", findings_body(open_dossier))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["frameworkVersion"] == 1 and len(body["findings"]) == 2
    assert open_dossier.analyses.get().summary == "Samenvatting."


@pytest.mark.parametrize("who", ["agent", "haarlemmer", "zandvoorter", "raad"])
def test_w2_anyone_but_the_uitvoerder_gets_404_recording_an_analysis(wp, open_dossier, who):
    assert_404(post(client_of(wp, who), "/api/v1/analyses", findings_body(open_dossier)))
    assert not open_dossier.analyses.exists()


def test_w2_an_analysis_without_every_criterion_is_a_400(wp, open_dossier):
    body = findings_body(open_dossier)
    body["findings"] = body["findings"][:1]
    params = invalid_names(post(client_of(wp, "uitvoerder"), "/api/v1/analyses", body))
    assert params["nonFieldErrors"]["reason"]
    double = findings_body(open_dossier)
    double["findings"] = [double["findings"][0]] * 2
    assert "findings" in invalid_names(
        post(client_of(wp, "uitvoerder"), "/api/v1/analyses", double)
    )
    racial = findings_body(open_dossier, text="Hij is Marokkaan.")
    params = invalid_names(post(client_of(wp, "uitvoerder"), "/api/v1/analyses", racial))
    assert params["findings.0.explanation"]["code"] == "forbidden_category"
    assert "nationalit" in params["findings.0.explanation"]["reason"]
    assert not open_dossier.analyses.exists()


def test_w3_the_uitvoerder_decides_and_the_duty_to_inform_starts(wp, open_dossier):
    analyse(open_dossier, by=wp.uitvoerder)
    body = {
        "assessment": open_dossier.number,
        "outcome": Outcome.AGENDEREN,
        "reasons": "Zorgelijk patroon.",
        "adviceToDriehoek": "Agenderen in het casusoverleg radicalisering.",
        "advisedParties": [wp.rvdk.pk],
        "decidedOn": "2026-11-20",
    }
    response = post(client_of(wp, "uitvoerder"), "/api/v1/beslissingen", body)
    assert response.status_code == 201, response.content
    assert response.json()["advisedParties"] == [wp.rvdk.pk]
    open_dossier.refresh_from_db()
    assert open_dossier.status == AssessmentStatus.DECIDED
    assert DutyToInform.objects.filter(dossier_key=open_dossier.number).exists()


def test_w3_a_decision_by_anyone_but_the_uitvoerder_is_404_and_invalid_is_400(wp, open_dossier):
    analyse(open_dossier, by=wp.uitvoerder)
    body = {
        "assessment": open_dossier.number,
        "outcome": Outcome.AGENDEREN,
        "reasons": "Zorgelijk patroon.",
        "decidedOn": "2026-11-20",
    }
    assert_404(post(client_of(wp, "officier"), "/api/v1/beslissingen", body))
    params = invalid_names(post(client_of(wp, "uitvoerder"), "/api/v1/beslissingen", body))
    assert params["adviceToDriehoek"]["reason"]
    params = invalid_names(
        post(client_of(wp, "uitvoerder"), "/api/v1/beslissingen", {**body, "outcome": "ja"})
    )
    assert "outcome" in params
    assert not open_dossier.decisions.exists()


def test_w7_the_uitvoerder_holds_a_meeting_that_the_other_gemeente_does_not_see(wp, open_dossier):
    zandvoort = signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"municipality": "Zandvoort", "municipality_code": "0473", "surname": "Visser"},
    ).assessment
    body = {
        "heldOn": "2026-11-20",
        "present": [wp.politie.pk, wp.om.pk],
        "assessments": [open_dossier.number, zandvoort.number],
    }
    assert_404(post(client_of(wp, "agent"), "/api/v1/overleggen", body))
    response = post(client_of(wp, "uitvoerder"), "/api/v1/overleggen", body)
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get()
    assert response.json()["veiligheidshuis"] == wp.region.code
    assert [item["assessment"] for item in response.json()["items"]] == sorted(
        [open_dossier.number, zandvoort.number]
    )
    # Each gemeente sees the meeting with its own subject only.
    seen = client_of(wp, "haarlemmer").get(f"/api/v1/overleggen/{meeting.pk}").json()
    assert [item["assessment"] for item in seen["items"]] == [open_dossier.number]
    seen = client_of(wp, "zandvoorter").get(f"/api/v1/overleggen/{meeting.pk}").json()
    assert [item["assessment"] for item in seen["items"]] == [zandvoort.number]

    rvdk_present = {**body, "present": [wp.rvdk.pk]}
    params = invalid_names(post(client_of(wp, "uitvoerder"), "/api/v1/overleggen", rvdk_present))
    assert "present" in params
    twice = {**body, "assessments": [open_dossier.number, open_dossier.number]}
    assert "assessments" in invalid_names(
        post(client_of(wp, "uitvoerder"), "/api/v1/overleggen", twice)
    )
    assert Meeting.objects.count() == 1


# --- S2: reads are audited --------------------------------------------------------------------


def test_s2_a_retrieve_writes_an_access_entry_with_actor_and_party(wp, dossier):
    assessment = dossier[Assessment]
    accesses = AuditEntry.objects.get_for_object(assessment).filter(action=AuditEntry.Action.ACCESS)
    assert client_of(wp, "haarlemmer").get(f"/api/v1/wegingen/{assessment.number}").status_code
    entry = accesses.get()
    assert entry.actor == wp.haarlemmer
    assert entry.actor_party == wp.haarlem
    assert entry.actor_party_name == wp.haarlem.name


def test_s2_every_retrieve_of_personal_data_is_audited_on_its_dossier(wp, dossier):
    """S2, issue 8 finding 6: a retrieve writes an access entry naming the dossier root (the
    assessment), not the row read, as the pages do."""
    client = client_of(wp, "officier")
    urls = detail_urls(dossier)
    assessment = dossier[Assessment]
    accesses = AuditEntry.objects.get_for_object(assessment).filter(action=AuditEntry.Action.ACCESS)
    for resource in ("signalen", "analyses", "beslissingen", "overleggen"):
        before = accesses.count()
        assert client.get(urls[resource]).status_code == 200
        assert accesses.count() == before + 1, resource
        entry = accesses.order_by("-pk").first()
        assert (entry.actor, entry.actor_party) == (wp.officier, wp.om), resource


def test_s2_a_token_retrieve_is_audited_with_its_service_account_and_party(wp, dossier):
    assessment = dossier[Assessment]
    token_client(wp, wp.politie).get(f"/api/v1/wegingen/{assessment.number}")
    entry = AuditEntry.objects.get_for_object(assessment).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor.username.startswith(f"api-{wp.politie.pk}-")
    assert entry.actor_party == wp.politie


def test_s2_a_refused_retrieve_writes_no_access_entry(wp, dossier):
    assessment = dossier[Assessment]
    client_of(wp, "zandvoorter").get(f"/api/v1/wegingen/{assessment.number}")
    client_of(wp, "raad").get(f"/api/v1/wegingen/{assessment.number}")
    assert not AuditEntry.objects.get_for_object(assessment).filter(action=AuditEntry.Action.ACCESS)


# --- the number of queries of the lists does not grow with the rows ----------------------------


def add_dossiers(wp, count: int) -> None:
    for n in range(count):
        person = {**PERSON, "surname": f"Persoon{Assessment.objects.count() + n}"}
        assessment = signal(
            by=wp.agent, brought_by=wp.politie, region=wp.region, person=person
        ).assessment
        analyse(assessment, by=wp.uitvoerder)
        meeting = services.hold_meeting(
            by=wp.uitvoerder,
            region=wp.region,
            held_on=date(2026, 11, 20),
            present=[wp.politie, wp.om],
            assessments=[assessment],
        )
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.AGENDEREN,
            reasons="Zorgelijk.",
            advice_to_driehoek="Agenderen.",
            advised_parties=[wp.rvdk],
            decided_on=date(2026, 11, 20),
        )
        services.record_discussion(meeting.items.get(), by=wp.uitvoerder, discussion="Besproken.")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_u5_w4_the_queries_of_each_list_do_not_grow_with_the_rows(wp):
    client = client_of(wp, "haarlemmer")
    add_dossiers(wp, 5)
    client.get("/api/v1/wegingen")  # warms the caches of a first request (content types)
    few = {resource: count_queries(client, f"/api/v1/{resource}") for resource in LISTS}
    assert client.get("/api/v1/wegingen").json()["count"] == 5
    add_dossiers(wp, 45)
    many = {resource: count_queries(client, f"/api/v1/{resource}") for resource in LISTS}
    assert client.get("/api/v1/wegingen").json()["count"] == 50
    assert client.get("/api/v1/overleggen").json()["count"] == 50
    assert few == many


def test_u5_w4_the_queries_of_a_dossier_do_not_grow_with_what_it_holds(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    client = client_of(wp, "officier")
    url = f"/api/v1/wegingen/{assessment.number}"
    client.get(url)  # warms the caches of a first request (content types)
    few = count_queries(client, url)
    for _n in range(10):
        signal(by=wp.officier, brought_by=wp.om, region=wp.region, assessment=assessment)
        analyse(assessment, by=wp.uitvoerder)
    assert len(client.get(url).json()["signals"]) == 11
    assert count_queries(client, url) == few


def test_s2_an_action_response_with_personal_data_logs_its_dossier(wp):
    """Issue 8, finding 6: what an action answers (here the signal just entered, with the
    behaviour and the reporter) is a read of the dossier, logged as an action."""
    response = post(client_of(wp, "agent"), "/api/v1/signalen", signal_body(wp))
    assert response.status_code == 201, response.content
    assessment = Signal.objects.get(pk=response.json()["id"]).assessment
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, additional_data={"read": "action"}
    )
    assert list(reads.values_list("file_label", "dossier_key")) == [
        ("weegploeg", assessment.number)
    ]


def test_w7_s2_issue13_the_meetings_list_gives_ten_meetings_a_page(wp):
    """Each row counts the agenda items the user sees (ADR 0038): the list pages by ten
    (`config.api_input.AgendaPagination`), `next` leads to the rest."""
    for day in range(1, 12):
        Meeting.objects.create(veiligheidshuis=wp.region, held_on=date(2026, 10, day))
    client = client_of(wp, "uitvoerder")
    first = client.get("/api/v1/overleggen").json()
    assert (first["count"], len(first["results"])) == (11, 10)
    rest = client.get(first["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None
    shown = {meeting["id"] for meeting in first["results"] + rest["results"]}
    assert shown == set(Meeting.objects.values_list("pk", flat=True))
