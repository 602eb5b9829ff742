"""R1, AVG 18: a restricted item is left out of the ordinary reads, in pages and API alike,
and out of what is copied on (the agendering copy); the access answer still holds it
(tests/subjects/test_registry_contract.py)."""

import pytest
from django.urls import reverse

from cases.models import Case
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def restrict(ref, row, by):
    registry.get(ref.file_label).restrict(
        ref, registry.item_ref(row), reason="Bezwaar in behandeling.", by=by
    )


def test_r1_a_restricted_signal_is_left_out_of_the_dossier_page_the_api_and_the_copy(region):
    ag = Agendering(region)
    assessment = ag.assessment()
    first, second = assessment.signals.order_by("pk")
    ref = DossierRef("weegploeg", assessment.number)
    keeper = verified_client(ag.keeper)
    page = reverse("weegploeg:assessment-detail", kwargs={"number": assessment.number})
    assert first.behaviour in keeper.get(page).content.decode()
    restrict(ref, first, ag.keeper)
    assert first.behaviour not in keeper.get(page).content.decode()
    assert second.behaviour in keeper.get(page).content.decode()
    listed = keeper.get("/api/v1/signalen").json()["results"]
    assert first.pk not in {row["id"] for row in listed}
    assert second.pk in {row["id"] for row in listed}
    assert keeper.get(f"/api/v1/signalen/{first.pk}").status_code == 404
    case = ag.agendeer(assessment, signals=list(assessment.signals.all()))
    assert list(case.signals.values_list("behaviour", flat=True)) == [second.behaviour]


def test_r1_a_restricted_related_person_is_left_out_of_the_case_page_and_api(region):
    ag = Agendering(region)
    case = full_case(ag)[Case]
    person = case.related_people.get()
    keeper = verified_client(ag.keeper)
    page = reverse("cases:case-detail", kwargs={"number": case.number})
    assert person.address in keeper.get(page).content.decode()
    restrict(DossierRef("ico", case.number), person, ag.keeper)
    assert person.address not in keeper.get(page).content.decode()
    assert person.address not in keeper.get(f"/api/v1/casussen/{case.number}").content.decode()


def test_r1_r6_a_restricted_item_is_still_rectified_with_its_change_logged(region):
    from security.models import AuditEntry

    ag = Agendering(region)
    assessment = ag.assessment()
    first = assessment.signals.order_by("pk").first()
    ref = DossierRef("weegploeg", assessment.number)
    restrict(ref, first, ag.keeper)
    changes = {"behaviour": "Deelde een filmpje (gecorrigeerd)."}
    registry.get("weegploeg").rectify(ref, registry.item_ref(first), changes, by=ag.keeper)
    update = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, object_pk=str(first.pk), dossier_key=assessment.number
    ).exclude(additional_data={"restricted": True})
    assert set(update.latest("pk").changes) == {"behaviour"}  # a diff, not a new row
