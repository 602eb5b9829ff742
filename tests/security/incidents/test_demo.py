"""O1, S3: the demo seeds three incidents in Kennemerland (a breach with its clock running, a
breach notified and closed, a security incident), once."""

import pytest

from parties import demo
from security.models import Incident
from security.models.incidents import IncidentKind
from security.services.breach_clock import clock_of

pytestmark = pytest.mark.django_db


def test_s3_the_demo_has_three_incidents_in_kennemerland_once(settings, demo_data):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.seed()  # the second time (`demo_data` is the first)
    incidents = list(Incident.objects.filter(veiligheidshuis__code="kennemerland"))
    assert len(incidents) == Incident.objects.count() == 3
    stopped = sorted(clock_of(incident).stopped_by for incident in incidents)
    assert stopped == ["", "no_breach", "notified"]
    running = next(incident for incident in incidents if clock_of(incident).running)
    assert running.kind == IncidentKind.DATA_BREACH and running.files.exists()
