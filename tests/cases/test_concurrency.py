"""S1, U5, C3, C4: optimistic concurrency on the case file. Two people edit the same plan, measure
or discussion: the later save, made on what it read before the earlier one, is refused with a
clear message in the page (what was typed kept) and 412 in the API; a fresh one is accepted and
the ETag moves on."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import meeting_services, services
from cases.constants import Goal, MeasureStatus
from cases.models import Discussion
from config.concurrency import StaleVersion
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

STALE_MESSAGE = "Iemand anders heeft dit intussen gewijzigd"
PROBLEM = "application/problem+json"


@pytest.fixture
def measure(ico, case):
    return services.add_measure(
        case,
        by=ico.keeper,
        description="Gesprek met de jongerenwerker",
        owner=ico.politie,
        deadline=timezone.localdate() + timedelta(days=7),
    )


def case_url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"number": case.number, **kwargs})


# --- C3: the goals of the plan ------------------------------------------------------------------


def test_s1_c3_a_stale_goals_edit_is_refused_in_the_page_and_keeps_the_input(ico, case):
    client = verified_client(ico.keeper)
    form = client.get(case_url("goals", case)).content.decode()
    assert 'name="version" value="1"' in form
    # Someone else sets the goals after the page was opened.
    services.set_goals(case, [Goal.DERADICALISE], by=ico.keeper, expected_version=1)
    response = client.post(case_url("goals", case), {"goals": [Goal.LIMIT_RISKS], "version": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_MESSAGE in page
    assert re.search(rf'<input[^>]*value="{Goal.LIMIT_RISKS}"[^>]*checked', page)
    assert not re.search(rf'<input[^>]*value="{Goal.DERADICALISE}"[^>]*checked', page)
    assert list(case.goals.values_list("goal", flat=True)) == [Goal.DERADICALISE]
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert 'name="version" value="2"' in page
    again = client.post(case_url("goals", case), {"goals": [Goal.LIMIT_RISKS], "version": 2})
    assert again.status_code == 302
    assert list(case.goals.values_list("goal", flat=True)) == [Goal.LIMIT_RISKS]
    case.refresh_from_db()
    assert case.version == 3


def test_s1_c3_set_goals_refuses_a_stale_version_and_changes_nothing(ico, case):
    services.set_goals(case, [Goal.DERADICALISE], by=ico.keeper, expected_version=1)
    with pytest.raises(StaleVersion) as refused:
        services.set_goals(case, [Goal.LIMIT_RISKS], by=ico.keeper, expected_version=1)
    assert refused.value.current == 2
    assert list(case.goals.values_list("goal", flat=True)) == [Goal.DERADICALISE]


def test_s1_c3_a_fresh_goals_edit_is_accepted_and_moves_the_version(ico, case):
    client = verified_client(ico.keeper)
    response = client.post(case_url("goals", case), {"goals": [Goal.LIMIT_RISKS], "version": 1})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.version == 2


def test_u5_the_case_answers_with_its_version_as_etag(ico, case):
    client = verified_client(ico.keeper)
    first = client.get(f"/api/v1/casussen/{case.number}")
    assert first.status_code == 200
    services.set_goals(case, [Goal.LIMIT_RISKS], by=ico.keeper)
    second = client.get(f"/api/v1/casussen/{case.number}")
    assert first["ETag"] == '"1"' and second["ETag"] == '"2"'


# --- C3: a measure's progress and status --------------------------------------------------------


def progress_data(measure, **fields):
    """The progress form of a measure's card on the plan part: its fields carry the measure's
    prefix (U1: many such forms on one page)."""
    return {f"progress-{measure.pk}-{name}": value for name, value in fields.items()}


def test_s1_c3_a_stale_progress_report_is_refused_in_the_page_and_keeps_the_input(
    ico, case, measure
):
    client = verified_client(ico.agent)
    url = case_url("progress-create", case, pk=measure.pk)
    assert f'name="progress-{measure.pk}-version" value="1"' in client.get(url).content.decode()
    services.report_progress(measure, by=ico.keeper, text="Afgerond.", status=MeasureStatus.DONE)
    typed = "Gesprek gevoerd met de jongerenwerker."
    response = client.post(
        url, progress_data(measure, text=typed, status=MeasureStatus.IN_PROGRESS, version=1)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_MESSAGE in page and typed in page
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE
    assert measure.notes.count() == 1


def test_s1_c3_a_fresh_progress_report_is_accepted_in_the_page(ico, case, measure):
    url = case_url("progress-create", case, pk=measure.pk)
    response = verified_client(ico.agent).post(
        url, progress_data(measure, text="Loopt.", status=MeasureStatus.IN_PROGRESS, version=1)
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.version) == (MeasureStatus.IN_PROGRESS, 2)


def test_u5_c3_progress_in_the_api_needs_the_current_etag(ico, case, measure):
    client = verified_client(ico.agent)
    detail = f"/api/v1/maatregelen/{measure.pk}"
    url = f"{detail}/voortgang"
    read = client.get(detail)
    etag = read["ETag"]
    assert etag == '"1"'
    body = {"text": "Gesprek gevoerd.", "status": MeasureStatus.IN_PROGRESS}

    # Without If-Match: 428, nothing written.
    missing = client.post(url, body, content_type="application/json")
    assert missing.status_code == 428 and missing["Content-Type"] == PROBLEM
    # A fresh one is accepted and the ETag moves on.
    fresh = client.post(url, body, content_type="application/json", headers={"If-Match": etag})
    assert fresh.status_code == 201, fresh.content
    newer = client.get(detail)["ETag"]
    assert newer == '"2"' != etag
    # The stale one (read before the report above) is refused: 412, nothing written.
    stale = client.post(
        url,
        {"text": "Afgerond.", "status": MeasureStatus.DONE},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert stale.status_code == 412, stale.content
    assert stale["Content-Type"] == PROBLEM
    assert STALE_MESSAGE in stale.json()["detail"]
    # Not one of our tags: it matches no version.
    garbage = client.post(url, body, content_type="application/json", headers={"If-Match": 'W/"2"'})
    assert garbage.status_code == 412
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_PROGRESS
    assert measure.notes.count() == 1
    assert client.get(detail)["ETag"] == newer


def test_u5_c3_who_may_not_report_gets_404_before_any_precondition(ico, case, measure):
    """The officier sees the measure but does not own it: 404, with or without If-Match."""
    url = f"/api/v1/maatregelen/{measure.pk}/voortgang"
    client = verified_client(ico.officier)
    for headers in ({}, {"If-Match": '"9"'}):
        response = client.post(
            url, {"text": "Niet van ons."}, content_type="application/json", headers=headers
        )
        assert response.status_code == 404


# --- C4: the discussion of a case at a meeting (casemanager included) ---------------------------


def test_s1_c4_a_stale_discussion_is_refused_in_the_page_and_keeps_the_input(ico, case):
    meeting = meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=timezone.localdate(),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=[case],
        by=ico.keeper,
    )
    discussion = meeting.discussions.get()
    values = {
        "minutes": "Besproken.",
        "approach": "De gemeente voert gesprekken.",
        "casemanager": None,
        "informing": "Per brief.",
    }
    # The keeper records first; the chair's page was opened before.
    meeting_services.record_discussion(discussion, by=ico.keeper, **values)
    prefix = f"case-{discussion.pk}"
    typed = "De voorzitter vat samen: politie houdt zicht."
    response = verified_client(ico.chair).post(
        reverse("cases:meeting-detail", kwargs={"pk": meeting.pk}),
        {
            "discussion": discussion.pk,
            f"{prefix}-minutes": typed,
            f"{prefix}-approach": "Politie houdt zicht.",
            f"{prefix}-casemanager": "",
            f"{prefix}-informing": "Mondeling.",
            f"{prefix}-version": 1,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_MESSAGE in page and typed in page
    discussion = Discussion.objects.get(pk=discussion.pk)
    assert (discussion.minutes, discussion.version) == ("Besproken.", 2)
