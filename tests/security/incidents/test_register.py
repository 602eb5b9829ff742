"""S3, AVG 33.1 and 33.5: the register's rules, each in one service function and shown on the
form that keeps the input: a notification after the 72 hours needs reasons for the delay; a
decision on notifying or telling needs its reasons; files only of the region; closing only
when assessed and the clock has stopped. Every change is logged."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from security.models import AuditEntry, Incident
from security.models.incidents import ApDecision, IncidentKind
from security.services import incidents
from tests.conftest import verified_client
from tests.factories import data_file

pytestmark = pytest.mark.django_db


def notify_page(incident):
    return f"/toezicht/incidenten/{incident.number}/melding/"


def moment(value):
    value = timezone.localtime(value)
    return {
        "notified_at_date": value.date().isoformat(),
        "notified_at_time": value.strftime("%H:%M"),
    }


def test_s3_a_late_notification_without_reasons_is_refused_on_the_form(world):
    incident = world.report(discovered_at=timezone.now() - timedelta(hours=80))
    client = verified_client(world.fg)
    data = {**moment(timezone.now() - timedelta(hours=1)), "reference": "AP-12345"}
    response = client.post(notify_page(incident), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "AVG 33.1" in str(form.errors["late_reasons"])
    assert 'value="AP-12345"' in response.content.decode()  # the input is kept
    incident.refresh_from_db()
    assert incident.notified_at is None

    response = client.post(notify_page(incident), {**data, "late_reasons": "Pas laat ontdekt."})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.notification_reference == "AP-12345"
    assert incident.kind == IncidentKind.DATA_BREACH and incident.ap_decision == ApDecision.NOTIFY


def test_s3_the_service_holds_the_late_rule_as_well(world):
    incident = world.report(discovered_at=timezone.now() - timedelta(hours=80))
    with pytest.raises(ValidationError) as refused:
        incidents.record_notification(
            incident, by=world.fg, notified_at=timezone.now(), reference="AP-1"
        )
    assert "late_reasons" in refused.value.message_dict
    # In time: no reasons needed.
    in_time = world.report(discovered_at=timezone.now() - timedelta(hours=10))
    incidents.record_notification(
        in_time, by=world.fg, notified_at=timezone.now(), reference="AP-2"
    )
    # Moving the discovery back so that the notification becomes late is refused too.
    with pytest.raises(ValidationError) as refused:
        incidents.update_assessment(
            in_time, by=world.fg, discovered_at=timezone.now() - timedelta(hours=100)
        )
    assert "discovered_at" in refused.value.message_dict


def test_s3_decisions_need_their_reasons_either_way(world):
    incident = world.report(discovered_at=timezone.now())
    for decision, field in (
        ("ap_decision", "ap_reasons"),
        ("subjects_decision", "subjects_reasons"),
    ):
        value = "not_notify" if decision == "ap_decision" else "not_inform"
        with pytest.raises(ValidationError) as refused:
            incidents.update_assessment(incident, by=world.fg, **{decision: value})
        assert field in refused.value.message_dict
    incidents.update_assessment(
        incident, by=world.fg, ap_decision="not_notify", ap_reasons="Versleuteld; geen risico."
    )
    incident.refresh_from_db()
    assert incident.decided_at is not None


def test_s3_only_files_of_the_region_can_be_named(world):
    incident = world.report(discovered_at=timezone.now())
    here, elsewhere = data_file(world.region), data_file(world.elsewhere)
    with pytest.raises(ValidationError) as refused:
        incidents.update_assessment(incident, by=world.fg, files=[here, elsewhere])
    assert "files" in refused.value.message_dict
    incidents.update_assessment(incident, by=world.fg, files=[here])
    assert list(incident.files.all()) == [here]


def test_s3_closing_waits_for_the_assessment_and_the_stopped_clock(world):
    incident = world.report(discovered_at=timezone.now())
    with pytest.raises(ValidationError):
        incidents.close_incident(incident, by=world.fg)  # not assessed
    incidents.update_assessment(incident, by=world.fg, kind=IncidentKind.DATA_BREACH)
    with pytest.raises(ValidationError):
        incidents.close_incident(incident, by=world.fg)  # the clock runs
    incidents.record_notification(
        incident, by=world.fg, notified_at=timezone.now(), reference="AP-3"
    )
    incidents.close_incident(incident, by=world.fg)
    with pytest.raises(ValidationError):
        incidents.update_assessment(incident, by=world.fg, follow_up="Later")  # closed


def test_s3_the_assessment_page_saves_and_every_change_is_logged(world):
    incident = world.report(discovered_at=timezone.now() - timedelta(hours=3))
    client = verified_client(world.uitvoerder)
    page = f"/toezicht/incidenten/{incident.number}/beoordelen/"
    form = client.get(page).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(
        discovered_at_date=form.initial["discovered_at_date"].isoformat(),
        discovered_at_time=form.initial["discovered_at_time"].strftime("%H:%M"),
        kind=IncidentKind.SECURITY_INCIDENT,
        nature=["read", "copied"],
        people_count="3",
        files=[data_file(world.region).pk],
    )
    response = client.post(page, data)
    assert response.status_code == 302, response.context["form"].errors
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.kind == IncidentKind.SECURITY_INCIDENT
    assert incident.nature == ["read", "copied"] and incident.people_count == 3
    entry = AuditEntry.objects.get_for_object(incident).filter(action=AuditEntry.Action.UPDATE)
    assert entry.latest("timestamp").actor == world.uitvoerder
