"""The weegploeg's pages and API agree on meetings (issue 8, finding 2; ADR 0011), the known-person
check is one rule (finding 3), and every read of personal data is logged on its dossier, a list
in one insert (finding 6)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.weegploeg.factories import declared, signal
from weegploeg import selectors, services
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db


wp_built, wp = per_module(lambda: declared(kennemerland()), name="wp")


@pytest.fixture
def meeting(wp):
    """A session with a Haarlem subject and a Zandvoort subject on the agenda."""
    haarlem = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    zandvoort = signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"surname": "Visser", "municipality": "Zandvoort", "municipality_code": "0473"},
    ).assessment
    return services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[haarlem, zandvoort],
    )


def page_and_api(user, meeting):
    client = verified_client(user)
    page = client.get(reverse("weegploeg:meeting-detail", args=[meeting.pk]))
    api = client.get(f"/api/v1/overleggen/{meeting.pk}")
    return page, api


@pytest.mark.parametrize(
    "who, shown",
    [
        ("uitvoerder", {"Jansen", "Visser"}),
        ("officier", {"Jansen", "Visser"}),
        ("agent", {"Jansen", "Visser"}),
        ("haarlemmer", {"Jansen"}),
        ("zandvoorter", {"Visser"}),
    ],
)
def test_w7_adr11_a_kernpartij_reads_the_meeting_on_the_page_as_in_the_api(wp, meeting, who, shown):
    """W4, W7: politie and OM read the meeting on the page as in the API; a gemeente only the
    agenda items of its own subjects; only the uitvoerder records the discussion."""
    page, api = page_and_api(getattr(wp, who), meeting)
    assert page.status_code == api.status_code == 200
    content = page.content.decode()
    assert {name for name in ("Jansen", "Visser") if name in content} == shown
    numbers = {item.assessment.number for item in meeting.items.all()}
    api_numbers = {item["assessment"] for item in api.json()["items"]}
    page_numbers = {number for number in numbers if number in content}
    assert api_numbers == page_numbers and len(api_numbers) == len(shown)
    # The uitvoerder has a link per item to open its form (issue 13: one form at a time).
    assert ('href="?vastleggen=' in content) == (who == "uitvoerder")


@pytest.mark.parametrize("who", ["raad", "partner"])
def test_w7_adr11_nobody_else_sees_the_meeting(wp, meeting, who):
    page, api = page_and_api(getattr(wp, who), meeting)
    assert page.status_code == api.status_code == 404


def test_w7_a_kernpartij_member_records_no_discussion(wp, meeting):
    item = meeting.items.get(assessment__surname="Jansen")
    response = verified_client(wp.agent).post(
        reverse("weegploeg:meeting-detail", args=[meeting.pk]),
        {"item": item.pk, f"item-{item.pk}-discussion": "Besproken."},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.discussion == ""


def test_w1_the_known_person_check_is_one_rule_for_page_and_api(wp):
    """W1: one function decides which dossiers the intake names (only those the user sees)."""
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    from tests.weegploeg.factories import PERSON

    assert list(selectors.known_dossiers(wp.haarlemmer, wp.region, PERSON)) == [assessment]
    assert list(selectors.known_dossiers(wp.zandvoorter, wp.region, PERSON)) == []


# --- S2: reads are logged on their dossier, a list in one insert --------------------------------


def accesses():
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)


def assessments(wp, count: int) -> list[Assessment]:
    return [
        signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=wp.region,
            person={"surname": f"Persoon{index}", "date_of_birth": date(1990, 1, 1 + index % 28)},
        ).assessment
        for index in range(count)
    ]


LIST_ENDPOINTS = ["wegingen", "signalen"]


@pytest.mark.parametrize("resource", LIST_ENDPOINTS)
def test_s2_a_list_with_personal_data_logs_its_dossiers_in_constant_queries(wp, resource):
    """S2, issue 8 finding 6: a list endpoint with personal data (the signals carry behaviour and
    the reporter's name) writes one access entry per dossier on it, naming the assessment, with
    as many queries for 5 rows as for 50."""
    from django.contrib.contenttypes.models import ContentType

    client = verified_client(wp.officier)
    url = f"/api/v1/{resource}"
    counted = []
    for count in (5, 50):
        assessments(wp, count - Assessment.objects.count())
        client.get(url)  # the first request warms the caches (content types, sessions)
        before = accesses().count()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counted.append(len(queries))
        written = accesses().order_by("-pk")[: accesses().count() - before]
        assert len(written) == count
        kind = ContentType.objects.get_for_model(Assessment)
        assert {entry.content_type_id for entry in written} == {kind.id}
        assert {int(entry.object_pk) for entry in written} == set(
            Assessment.objects.values_list("pk", flat=True)
        )
    assert counted[0] == counted[1]


def test_s2_the_list_page_logs_the_dossiers_it_names_in_one_insert(wp):
    """S2: the list page shows names, so it logs each dossier on the page, as the API list does;
    the same hook (`config.read_audit`)."""
    shown = assessments(wp, 3)
    before = accesses().count()
    page = verified_client(wp.officier).get(reverse("weegploeg:assessment-list"))
    assert page.status_code == 200
    written = list(accesses().order_by("-pk")[: accesses().count() - before])
    assert sorted(int(entry.object_pk) for entry in written) == sorted(a.pk for a in shown)
    assert {entry.actor for entry in written} == {wp.officier}
