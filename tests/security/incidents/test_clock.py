"""S3, AVG 33.1, O3: the 72-hour clock, run as beat runs it, with the clock moved by
time-machine: a warning at 48, 24 and 12 hours left, the alarm once the deadline passed, each
sent once; after downtime the next run catches up from the discovery time, sending only the
stage now due (the missed warnings are recorded as skipped); a notification, a decision not to
notify, or the assessment "no data breach" stops it."""

from datetime import datetime, timedelta

import pytest

from security.models import ClockNotice
from security.models.incidents import ClockStage, IncidentKind
from security.services import incidents
from security.services.breach_clock import clock_of, run_clock
from tests.conftest import verified_client
from tests.security.incidents.fixtures import TZ, at
from tests.security.panels import items, overdue

pytestmark = pytest.mark.django_db

DISCOVERED = datetime(2027, 3, 1, 9, 0, tzinfo=TZ)


def hours(n):
    return DISCOVERED + timedelta(hours=n)


@pytest.fixture
def incident(world):
    with at(hours(1), tick=False):
        return world.report(discovered_at=DISCOVERED)


def stages(incident):
    return {
        notice.stage: notice.skipped for notice in ClockNotice.objects.filter(incident=incident)
    }


def run_at(n):
    with at(hours(n), tick=False):
        return run_clock()


def test_s3_each_stage_on_time_and_once(incident, mailoutbox):
    mailoutbox.clear()
    assert run_at(23)["warnings"] == 0
    assert run_at(24)["warnings"] == 1
    assert run_at(25)["warnings"] == 0  # nothing twice
    assert run_at(48)["warnings"] == 1
    assert run_at(60)["warnings"] == 1
    assert run_at(71.9) == {"warnings": 0, "alarms": 0, "skipped": 0}
    assert run_at(72)["alarms"] == 1
    assert run_at(90) == {"warnings": 0, "alarms": 0, "skipped": 0}
    assert stages(incident) == {
        ClockStage.LEFT_48: False,
        ClockStage.LEFT_24: False,
        ClockStage.LEFT_12: False,
        ClockStage.ALARM: False,
    }
    assert len(mailoutbox) == 4
    assert "ALARM" in mailoutbox[-1].subject and incident.number in mailoutbox[-1].subject
    for mail in mailoutbox:
        assert "Zichtbarenaam" not in mail.body and "123456782" not in mail.body


def test_s3_after_downtime_only_the_alarm_is_sent(incident, mailoutbox):
    mailoutbox.clear()
    run_at(1)
    # Beat down from hour 1 to hour 73: the first run after sends the alarm, not stale warnings.
    assert run_at(73) == {"warnings": 0, "alarms": 1, "skipped": 3}
    assert stages(incident) == {
        ClockStage.LEFT_48: True,
        ClockStage.LEFT_24: True,
        ClockStage.LEFT_12: True,
        ClockStage.ALARM: False,
    }
    (mail,) = mailoutbox
    assert "ALARM" in mail.subject


def test_s3_a_missed_warning_is_skipped_for_the_one_now_due(incident, mailoutbox):
    run_at(30)  # 42 hours left: the 48-hour warning
    assert run_at(61) == {"warnings": 1, "alarms": 0, "skipped": 1}  # 11 hours left
    assert stages(incident)[ClockStage.LEFT_24] is True
    assert stages(incident)[ClockStage.LEFT_12] is False


@pytest.mark.parametrize("stop", ["notified", "decided", "no_breach"])
def test_s3_the_clock_stops(world, incident, stop, mailoutbox):
    with at(hours(10), tick=False):
        if stop == "notified":
            incidents.record_notification(
                incident, by=world.fg, notified_at=hours(9), reference="AP-1"
            )
        elif stop == "decided":
            incidents.update_assessment(
                incident,
                by=world.fg,
                ap_decision="not_notify",
                ap_reasons="Versleutelde gegevens; geen risico.",
            )
        else:
            incidents.update_assessment(incident, by=world.fg, kind=IncidentKind.SECURITY_INCIDENT)
    mailoutbox.clear()
    assert run_at(80) == {"warnings": 0, "alarms": 0, "skipped": 0}
    assert not mailoutbox
    incident.refresh_from_db()
    assert clock_of(incident).stopped_by == stop


def test_s3_a_data_breach_keeps_its_clock(world, incident):
    with at(hours(2), tick=False):
        incidents.update_assessment(incident, by=world.fg, kind=IncidentKind.DATA_BREACH)
    assert run_at(73)["alarms"] == 1


def test_s3_the_dashboard_shows_time_left_and_the_alarm(world, incident):
    with at(hours(50), tick=False):
        html = verified_client(world.fg).get("/").content.decode()
        (shown,) = items(html, "incidents")
        assert shown.startswith(incident.number) and "nog 22 u 0 min" in shown
        assert 'data-testid="incident-alarm"' not in html and not overdue(html, "incidents")
    with at(hours(75), tick=False):
        html = verified_client(world.uitvoerder).get("/").content.decode()
        assert 'data-testid="incident-alarm"' in html and 'role="alert"' in html
        (alarm,) = overdue(html, "incidents")
        assert alarm.startswith(incident.number) and "3 u 0 min over de termijn" in alarm
        other = verified_client(world.uitvoerder_elsewhere).get("/").content.decode()
        assert incident.number not in other
