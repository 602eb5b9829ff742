"""U6, S3: breaches notified within 72 hours, counted per Veiligheidshuis and period."""

from datetime import date, datetime, timedelta

import pytest

from security.figures import breach_notifications
from security.models.incidents import IncidentKind
from security.services import incidents
from tests.security.incidents.fixtures import TZ, at

pytestmark = pytest.mark.django_db


def test_u6_s3_breach_notifications_by_outcome(world):
    base = datetime(2027, 3, 1, 9, tzinfo=TZ)
    with at(base + timedelta(days=10), tick=False):
        on_time, late, pending, decided, no_breach = (
            world.report(discovered_at=base + timedelta(days=day)) for day in range(5)
        )
        elsewhere = world.report(
            discovered_at=base, by=world.uitvoerder_elsewhere, region=world.elsewhere
        )
        incidents.record_notification(
            on_time, by=world.fg, notified_at=base + timedelta(hours=71), reference="AP-1"
        )
        incidents.record_notification(
            late,
            by=world.fg,
            notified_at=base + timedelta(days=1, hours=73),
            reference="AP-2",
            late_reasons="Laat",
        )
        incidents.update_assessment(
            decided, by=world.fg, ap_decision="not_notify", ap_reasons="Geen risico"
        )
        incidents.update_assessment(no_breach, by=world.fg, kind=IncidentKind.SECURITY_INCIDENT)
    assert pending and elsewhere
    counts = breach_notifications([world.region.pk], date(2027, 3, 1), date(2027, 4, 1))
    assert counts == {"on_time": 1, "late": 1, "pending": 1, "not_notified": 1}
    # [since, until): the first day only.
    first = breach_notifications([world.region.pk], date(2027, 3, 1), date(2027, 3, 2))
    assert first == {"on_time": 1, "late": 0, "pending": 0, "not_notified": 0}
