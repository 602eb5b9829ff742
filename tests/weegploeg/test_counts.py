"""Issue 13: the counts the weegploeg's lists show are kept on the parent row (an assessment's
signals, a meeting's agenda items) and equal the real count after every path that changes the
children: the intake, restricting and lifting, rectifying and erasing an item, holding a
meeting, destroying a dossier; the data migration fills them for the rows that were there."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from subjects import registry
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.weegploeg.factories import signal
from weegploeg import services
from weegploeg.models import AgendaItem, Assessment, Meeting, Signal

pytestmark = pytest.mark.django_db


def real_signal_count(assessment) -> int:
    """What an ordinary read sees: `Signal.objects` leaves the restricted ones out (R1)."""
    return Signal.objects.filter(assessment=assessment).count()


def assert_counts_are_real():
    for assessment in Assessment.objects.all():
        assert assessment.signal_count == real_signal_count(assessment), assessment.number
    for meeting in Meeting.objects.all():
        assert meeting.item_count == AgendaItem.objects.filter(meeting=meeting).count()


def ref_of(assessment) -> DossierRef:
    return DossierRef("weegploeg", assessment.number)


def test_issue13_the_signal_count_follows_every_path_that_changes_the_signals(wp):
    first = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    assessment = first.assessment
    assert assessment.signal_count == 1  # set on the instance the service returned too
    second = signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Visser"})
    assessment.refresh_from_db()
    assert assessment.signal_count == 2
    assert_counts_are_real()

    file, ref = registry.get("weegploeg"), ref_of(assessment)
    file.restrict(ref, registry.item_ref(second), reason="Bezwaar.", by=wp.uitvoerder)
    assessment.refresh_from_db()
    assert assessment.signal_count == 1  # R6: a restricted signal is not counted for anyone
    assert_counts_are_real()
    file.lift_restriction(ref, registry.item_ref(second), by=wp.uitvoerder)
    assert Assessment.objects.get(pk=assessment.pk).signal_count == 2
    file.rectify(ref, registry.item_ref(first), {"behaviour": "Gecorrigeerd."}, by=wp.uitvoerder)
    file.rectify(ref, registry.item_ref(assessment), {"surname": "Jansen-Smit"}, by=wp.uitvoerder)
    assert Assessment.objects.get(pk=assessment.pk).signal_count == 2
    assert_counts_are_real()
    file.erase(ref, registry.item_ref(first), by=wp.uitvoerder)
    assert Assessment.objects.get(pk=assessment.pk).signal_count == 1
    assert_counts_are_real()


def test_issue13_the_agenda_count_follows_the_meeting_the_erasure_and_the_destruction(wp):
    one = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    two = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Visser"}
    ).assessment
    three = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Smit"}
    ).assessment
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[one, two, three],
    )
    assert meeting.item_count == 3
    assert_counts_are_real()
    item = AgendaItem.objects.get(meeting=meeting, assessment=two)
    registry.get("weegploeg").erase(ref_of(two), registry.item_ref(item), by=wp.uitvoerder)
    assert Meeting.objects.get(pk=meeting.pk).item_count == 2
    registry.get("weegploeg").destroy(ref_of(three), by=None)  # B8: the dossier goes
    assert Meeting.objects.get(pk=meeting.pk).item_count == 1
    assert_counts_are_real()


def test_issue13_the_data_migration_fills_the_counts_of_the_rows_that_were_there(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
    restricted = signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
    registry.get("weegploeg").restrict(
        ref_of(assessment), registry.item_ref(restricted), reason="Bezwaar.", by=wp.uitvoerder
    )
    services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie],
        assessments=[assessment],
    )
    Assessment.objects.update(signal_count=0)
    Meeting.objects.update(item_count=0)
    migration = importlib.import_module("weegploeg.migrations.0010_fill_parent_counts")
    migration.fill(apps, None)
    assert Assessment.objects.get(pk=assessment.pk).signal_count == 2
    assert_counts_are_real()


def test_w7_s2_issue13_adr0011_the_meeting_lists_count_what_each_viewer_sees(wp):
    """The page's list and the API's (ADR 0038) count the agenda items each viewer sees; a
    count shows no dossier, so the API's list writes no access entry (the meeting does)."""
    from security.models import AuditEntry

    haarlem = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    zandvoort = signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=wp.region,
        person={"surname": "Visser", "municipality": "Zandvoort", "municipality_code": "0473"},
    ).assessment
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.haarlem],
        assessments=[haarlem, zandvoort],
    )
    url = reverse("weegploeg:meeting-list")
    accesses = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    for user, shown in ((wp.uitvoerder, 2), (wp.agent, 2), (wp.haarlemmer, 1)):
        client = verified_client(user)
        meetings = client.get(url).context["meetings"]
        assert [meeting.shown_items for meeting in meetings] == [shown], user.username
        before = accesses.count()
        listed = client.get("/api/v1/overleggen").json()["results"]
        assert [(row["id"], row["itemCount"]) for row in listed] == [(meeting.pk, shown)]
        assert "items" not in listed[0]
        assert accesses.count() == before, user.username
        assert len(client.get(f"/api/v1/overleggen/{meeting.pk}").json()["items"]) == shown
        assert accesses.count() == before + shown, user.username


def test_issue13_the_assessment_list_reads_the_kept_count_and_no_signal(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
    client = verified_client(wp.agent)
    response = client.get(reverse("weegploeg:assessment-list"), {"status": ""})
    (listed,) = response.context["assessments"]
    assert listed.signal_count == 2
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("weegploeg:assessment-list"), {"status": ""})
    signal_table = Signal._meta.db_table
    assert not [q for q in queries.captured_queries if signal_table in q["sql"]]
