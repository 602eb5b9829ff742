"""The uitvoerder's changes to one dossier through the API (U5, W2, W3, W5, C8): additional
information, expert advice, the periodic check and a reopening, over the same services as the
pages. Whoever may not keep the dossier gets 404; bad input a 400 naming the field."""

from datetime import date

import pytest

from tests.conftest import verified_client
from tests.weegploeg.factories import analyse, signal
from tests.weegploeg.test_api import assert_404, invalid_names, post
from weegploeg import services
from weegploeg.constants import AssessmentStatus, CheckOutcome, Outcome

pytestmark = pytest.mark.django_db

FORBIDDEN = "Betrokkene van Marokkaanse afkomst deelde filmpjes."


@pytest.fixture
def assessment(wp):
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment


def url(assessment, action):
    return f"/api/v1/wegingen/{assessment.number}/{action}"


def decided(wp, assessment):
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende signalen.",
        decided_on=date(2026, 11, 20),
    )
    assessment.refresh_from_db()
    return assessment


INFORMATION = {"gatheredOn": "2026-11-10", "content": "Bekend bij de wijkagent."}
ADVICE = {
    "adviser": "NCTV",
    "askedOn": "2026-11-12",
    "question": "Is verdere weging nodig?",
    "advice": "Ja, binnen twee weken.",
}


def test_w2_the_uitvoerder_adds_information_and_expert_advice(wp, assessment):
    client = verified_client(wp.uitvoerder)
    response = post(client, url(assessment, "informatie"), {**INFORMATION, "party": wp.om.pk})
    assert response.status_code == 201, response.content
    assert response.json()["party"] == wp.om.pk
    assert post(client, url(assessment, "expertadvies"), ADVICE).status_code == 201
    dossier = client.get(f"/api/v1/wegingen/{assessment.number}").json()
    assert [row["content"] for row in dossier["additionalInformation"]] == [INFORMATION["content"]]
    assert [row["adviser"] for row in dossier["expertAdvice"]] == ["NCTV"]


@pytest.mark.parametrize("who", ["agent", "officier", "haarlemmer", "raad"])
def test_w2_w4_only_the_keeper_changes_the_dossier_others_get_404(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    assert_404(post(client, url(assessment, "informatie"), {**INFORMATION, "party": wp.om.pk}))
    assert_404(post(client, url(assessment, "expertadvies"), ADVICE))
    assert_404(post(client, url(assessment, "controles"), {"outcome": CheckOutcome.CORRECT}))
    assert not assessment.additional_information.exists()
    assert not assessment.expert_advice.exists()
    assert not assessment.checks.exists()


def test_c8_u5_bad_input_names_the_field(wp, assessment):
    client = verified_client(wp.uitvoerder)
    forbidden = {**INFORMATION, "party": wp.om.pk, "content": FORBIDDEN}
    reason = invalid_names(post(client, url(assessment, "informatie"), forbidden))["content"]
    assert "mogen niet worden vastgelegd" in reason["reason"]
    assert "askedOn" in invalid_names(post(client, url(assessment, "expertadvies"), {}))
    corrected = {"outcome": CheckOutcome.CORRECTED, "correction": ""}
    assert "correction" in invalid_names(post(client, url(assessment, "controles"), corrected))
    assert not assessment.additional_information.exists()


def test_w5_the_check_is_recorded_and_shown_in_the_dossier(wp, assessment):
    client = verified_client(wp.uitvoerder)
    body = {"outcome": CheckOutcome.CORRECTED, "correction": "Postcode verbeterd."}
    response = post(client, url(assessment, "controles"), body)
    assert response.status_code == 201, response.content
    assessment.refresh_from_db()
    assert assessment.last_checked_at is not None
    checks = client.get(f"/api/v1/wegingen/{assessment.number}").json()["checks"]
    assert [row["correction"] for row in checks] == ["Postcode verbeterd."]


def test_w3_a_decided_assessment_changes_only_after_a_recorded_reopening(wp, assessment):
    decided(wp, assessment)
    client = verified_client(wp.uitvoerder)
    information = {**INFORMATION, "party": wp.om.pk}
    assert invalid_names(post(client, url(assessment, "informatie"), information))
    assert "reason" in invalid_names(post(client, url(assessment, "heropenen"), {}))
    assert_404(post(verified_client(wp.agent), url(assessment, "heropenen"), {"reason": "X"}))
    response = post(client, url(assessment, "heropenen"), {"reason": "Nieuw signaal."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == AssessmentStatus.OPEN
    assert assessment.decisions.get().reopening_reason == "Nieuw signaal."
    assert post(client, url(assessment, "informatie"), information).status_code == 201


def test_w7_the_uitvoerder_records_what_a_meeting_discussed(wp, assessment):
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[assessment],
    )
    path = f"/api/v1/overleggen/{meeting.pk}/bespreking"
    body = {"assessment": assessment.number, "discussion": "Besproken; analyse volgt."}
    current = {"If-Match": '"1"'}
    assert_404(post(verified_client(wp.agent), path, body, **current))
    client = verified_client(wp.uitvoerder)
    unknown = {**body, "assessment": "W-0"}
    assert "assessment" in invalid_names(post(client, path, unknown, **current))
    forbidden = {**body, "discussion": FORBIDDEN}
    assert "discussion" in invalid_names(post(client, path, forbidden, **current))
    response = post(client, path, body, **current)
    assert response.status_code == 200, response.content
    assert response.json()["discussion"] == "Besproken; analyse volgt."
    assert meeting.items.get().discussion == "Besproken; analyse volgt."


def test_s1_u5_w7_a_stale_discussion_in_the_api_is_refused_with_412(wp, assessment):
    """S1, U5: the meeting's ETag is the version of its record of discussions; a discussion
    sent with an older one is refused, a fresh one accepted and the ETag moves on."""
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[assessment],
    )
    client = verified_client(wp.uitvoerder)
    detail = f"/api/v1/overleggen/{meeting.pk}"
    read = client.get(detail)["ETag"]
    assert read == '"1"'
    path = f"{detail}/bespreking"
    body = {"assessment": assessment.number, "discussion": "Besproken."}
    missing = post(client, path, body)
    assert missing.status_code == 428 and missing["Content-Type"] == "application/problem+json"
    assert post(client, path, body, **{"If-Match": read}).status_code == 200
    assert client.get(detail)["ETag"] == '"2"'
    stale = post(
        client, path, {**body, "discussion": "Later, op oude stand."}, **{"If-Match": read}
    )
    assert stale.status_code == 412
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.json()["detail"]
    assert meeting.items.get().discussion == "Besproken."
