"""W2: the beheerder edits the referentiekader in versions; S2: creating, changing and viewing
an assessment write audit entries with actor and party."""

import pytest
from django.urls import reverse

from security.models import AuditEntry
from tests.conftest import verified_client
from tests.weegploeg.factories import analyse, framework, signal
from weegploeg.constants import CheckOutcome
from weegploeg.models import FrameworkVersion

pytestmark = pytest.mark.django_db

LIST = reverse("weegploeg:framework-list")
CREATE = reverse("weegploeg:framework-create")


def criteria_post(rows, note="Criterium R3 aangescherpt"):
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "note": note,
    }
    for index, (code, title) in enumerate(rows):
        data[f"criteria-{index}-code"] = code
        data[f"criteria-{index}-title"] = title
    return data


def test_w2_the_beheerder_publishes_a_new_version_from_the_current_one(beheerder, wp):
    old = framework(beheerder)
    client = verified_client(beheerder)
    page = client.get(CREATE).content.decode()
    assert 'value="R1"' in page and 'value="R2"' in page  # the current criteria filled in
    response = client.post(CREATE, criteria_post([("R1", "Eerste"), ("R3", "Nieuw")]))
    assert response["Location"] == LIST
    new = FrameworkVersion.objects.first()
    assert new.number == old.number + 1
    assert [c.code for c in new.criteria.all()] == ["R1", "R3"]
    assert [c.code for c in old.criteria.all()] == ["R1", "R2"]  # the old version unchanged
    assert "Versie 2" in client.get(LIST).content.decode()


def test_w2_a_version_without_criteria_is_refused_and_the_note_kept(beheerder):
    client = verified_client(beheerder)
    response = client.post(CREATE, criteria_post([], note="Leeg kader"))
    assert response.status_code == 200
    assert "Leeg kader" in response.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_w2_only_the_beheerder_edits_the_referentiekader(wp):
    for user in (wp.uitvoerder, wp.agent, wp.partner):
        client = verified_client(user)
        assert client.get(LIST).status_code == 403
        assert client.post(CREATE, criteria_post([("X", "Y")])).status_code == 403
    assert not FrameworkVersion.objects.exists()


def test_s2_creating_changing_and_viewing_an_assessment_are_audited(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    created = AuditEntry.objects.get_for_object(assessment).get(action=AuditEntry.Action.CREATE)
    assert created.actor is None  # a service call outside a request has no actor...
    client = verified_client(wp.uitvoerder)
    analyse(assessment, by=wp.uitvoerder)
    client.post(
        reverse("weegploeg:check-create", kwargs={"number": assessment.number}),
        {"outcome": CheckOutcome.CORRECT},
    )
    changed = AuditEntry.objects.get_for_object(assessment).filter(
        action=AuditEntry.Action.UPDATE, actor=wp.uitvoerder
    )
    assert changed.exists()  # ...a page request names the uitvoerder and the party
    assert changed.first().actor_party == wp.haarlem
    verified_client(wp.officier).get(
        reverse("weegploeg:assessment-detail", kwargs={"number": assessment.number})
    )
    viewed = AuditEntry.objects.get_for_object(assessment).get(action=AuditEntry.Action.ACCESS)
    assert viewed.actor == wp.officier and viewed.actor_party == wp.om


def test_s2_a_signal_entered_in_the_browser_names_its_actor(wp):
    client = verified_client(wp.agent)
    client.post(
        reverse("weegploeg:signal-create"),
        {
            "surname": "Bakker",
            "given_names": "Sem",
            "date_of_birth": "1999-01-02",
            "municipality": "Haarlem",
            "municipality_code": "0392",
            "behaviour": "Verspreidde oproepen tot geweld.",
            "observed_on": "2026-11-01",
            "reporter_name": "R. Melder",
            "reporter_contact": "melder@example.org",
        },
    )
    entry = AuditEntry.objects.filter(
        content_type__model="assessment", action=AuditEntry.Action.CREATE
    ).get()
    assert entry.actor == wp.agent and entry.actor_party == wp.politie
