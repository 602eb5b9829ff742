"""U5, I1-I4: `/api/v1/informatieplichten`, with the same permissions as the pages: both
sides of each, 400 with the field and the reason on bad input."""

import base64
from datetime import date

import pytest

from rights.constants import DutyState
from rights.models import Letter, Postponement
from security.models import AuditEntry
from tests.clock import NOW
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.duty_fixtures import DutyWorld
from tests.rights.pdf_text import pdf_text
from tests.weegploeg.factories import PERSON

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

API = "/api/v1/informatieplichten"


world_built, world = per_module(lambda: DutyWorld(kennemerland()), name="world", at=NOW)


def post(user, url, data=None):
    return verified_client(user).post(url, data or {}, content_type="application/json")


def invalid(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {param["name"]: param["reason"] for param in response.json()["invalidParams"]}


def test_u5_i1_the_list_and_the_duty_for_its_party_and_the_keeper_only(world):
    for user in (world.agent, world.keeper, world.reader):
        client = verified_client(user)
        rows = client.get(API).json()["results"]
        assert [row["id"] for row in rows] == [world.duty.pk]
        duty = client.get(f"{API}/{world.duty.pk}").json()
        assert duty["dossier"] == world.decided.number
        assert duty["state"] == DutyState.TO_INFORM
        assert duty["responsibleParty"] == world.wp.politie.pk
    for user in (world.officier, world.wp.raad):
        client = verified_client(user)
        assert client.get(API).json()["results"] == []
        assert client.get(f"{API}/{world.duty.pk}").status_code == 404


def test_u5_the_api_shows_no_names_and_logs_the_read_against_the_dossier(world):
    response = verified_client(world.keeper).get(f"{API}/{world.duty.pk}")
    assert PERSON["surname"] not in response.content.decode()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        dossier_key=world.decided.number,
        actor=world.keeper,
        additional_data={"read": "detail"},
    ).exists()


def test_u5_i2_the_list_filters_and_refuses_unknown_values(world, clock):
    client = verified_client(world.keeper)
    assert client.get(f"{API}?overdue=true").json()["results"] == []
    clock.move_to("2026-12-25 10:00 +01:00")
    client = verified_client(world.keeper)  # a new sign-in after three weeks
    assert [row["id"] for row in client.get(f"{API}?overdue=true").json()["results"]] == [
        world.duty.pk
    ]
    assert client.get(f"{API}?state=informed").json()["results"] == []
    assert "state" in invalid(client.get(f"{API}?state=bogus"))
    assert "file" in invalid(client.get(f"{API}?file=abc"))


def test_u5_i2_postpone_and_renew(world):
    url = f"{API}/{world.duty.pk}/uitstellen"
    data = {"ground": "strafbare-feiten", "reasons": "Lopend onderzoek.", "reviewOn": "2027-01-10"}
    response = post(world.agent, url, data)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == DutyState.POSTPONED
    assert "reasons" in invalid(post(world.agent, url, {**data, "reviewOn": "2027-02-10"}))
    response = post(world.agent, url, {**data, "reasons": "Verlengd.", "reviewOn": "2027-02-10"})
    assert [p["reasons"] for p in response.json()["postponements"]] == [
        "Lopend onderzoek.",
        "Verlengd.",
    ]


def test_u5_i2_bad_input_answers_400_with_the_field_and_the_reason(world):
    url = f"{API}/{world.duty.pk}/uitstellen"
    errors = invalid(
        post(
            world.agent,
            url,
            {"ground": "strafbare-feiten", "reasons": "x", "reviewOn": "2026-11-01"},
        )
    )
    assert "toekomst" in errors["reviewOn"]
    assert "ground" in invalid(
        post(world.agent, url, {"ground": "geen", "reasons": "x", "reviewOn": "2027-01-01"})
    )
    assert not Postponement.objects.exists()


def test_u5_the_steps_are_403_for_a_reader_and_404_for_an_outsider(world):
    for step in (
        "uitstellen",
        "grond-vervallen",
        "geinformeerd",
        "niet-nodig",
        "brief",
        "verzonden",
    ):
        assert post(world.reader, f"{API}/{world.duty.pk}/{step}").status_code == 403
        assert post(world.officier, f"{API}/{world.duty.pk}/{step}").status_code == 404
    assert not Letter.objects.exists()


def test_u5_i1_informed_and_not_required_are_final(world):
    url = f"{API}/{world.duty.pk}"
    response = post(
        world.agent, f"{url}/geinformeerd", {"informedOn": "2026-12-01", "means": "post"}
    )
    assert response.json()["state"] == DutyState.INFORMED
    assert response.json()["informedOn"] == "2026-12-01"
    errors = invalid(post(world.agent, f"{url}/niet-nodig", {"reason": "Al bekend."}))
    assert "definitief" in errors["nonFieldErrors"]


def test_u5_i3_the_ground_lapsed(world):
    url = f"{API}/{world.duty.pk}"
    post(
        world.agent,
        f"{url}/uitstellen",
        {"ground": "strafbare-feiten", "reasons": "Onderzoek.", "reviewOn": "2027-01-10"},
    )
    response = post(world.agent, f"{url}/grond-vervallen", {"lapsedOn": "2026-12-01"})
    assert response.json()["state"] == DutyState.TO_INFORM
    assert response.json()["postponements"][0]["endedOn"] == "2026-12-01"


def test_u5_i4_make_the_letter_and_record_its_sending(world):
    url = f"{API}/{world.duty.pk}"
    response = post(world.keeper, f"{url}/brief")
    assert response.status_code == 201, response.content
    made = response.json()
    text = pdf_text(base64.b64decode(made["pdf"]))
    assert PERSON["surname"] in text and "Autoriteit Persoonsgegevens" in text
    errors = invalid(
        post(
            world.keeper,
            f"{url}/verzonden",
            {"letter": made["id"], "sentOn": "2026-12-09", "means": "post"},
        )
    )
    assert "sentOn" in errors
    assert "letter" in invalid(
        post(
            world.keeper,
            f"{url}/verzonden",
            {"letter": 999999, "sentOn": "2026-12-01", "means": "post"},
        )
    )
    response = post(
        world.keeper,
        f"{url}/verzonden",
        {"letter": made["id"], "sentOn": "2026-12-01", "means": "post"},
    )
    assert response.status_code == 200
    duty = response.json()
    assert duty["state"] == DutyState.INFORMED
    assert duty["letters"][0]["sentOn"] == "2026-12-01"
    assert Letter.objects.get().sent_on == date(2026, 12, 1)
