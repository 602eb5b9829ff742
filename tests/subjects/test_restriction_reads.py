"""R1, AVG 18: a restricted item is left out of the ordinary reads, in pages and API alike,
and out of what is copied on (the agendering copy); the access answer still holds it
(tests/subjects/test_registry_contract.py). R6: the keeper of the dossier's file (the
uitvoerder) still sees it, marked "Afgeschermd", in the dossier's page and API."""

import pytest
from django.db.models import Q
from django.urls import reverse

from cases.models import Case
from subjects import registry
from subjects.registry import DossierRef
from subjects.restriction import visible_rows
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.conftest import verified_client
from weegploeg.models import Signal

pytestmark = pytest.mark.django_db


def restrict(ref, row, by):
    registry.get(ref.file_label).restrict(
        ref, registry.item_ref(row), reason="Bezwaar in behandeling.", by=by
    )


def test_r1_r6_a_restricted_signal_is_left_out_for_a_partner_and_out_of_the_copy(region):
    ag = Agendering(region)
    assessment = ag.assessment()
    first, second = assessment.signals.order_by("pk")
    ref = DossierRef("weegploeg", assessment.number)
    partner = verified_client(ag.wp.agent)  # politie: a kernpartij that sees the dossier
    page = reverse("weegploeg:assessment-signals", kwargs={"number": assessment.number})
    assert first.behaviour in partner.get(page).content.decode()
    restrict(ref, first, ag.keeper)
    shown = partner.get(page).content.decode()
    assert first.behaviour not in shown and second.behaviour in shown
    assert "Afgeschermd" not in shown
    listed = partner.get("/api/v1/signalen").json()["results"]
    assert first.pk not in {row["id"] for row in listed}
    assert second.pk in {row["id"] for row in listed}
    assert partner.get(f"/api/v1/signalen/{first.pk}").status_code == 404
    dossier = partner.get(f"/api/v1/wegingen/{assessment.number}").json()
    assert [row["id"] for row in dossier["signals"]] == [second.pk]
    case = ag.agendeer(assessment, signals=list(assessment.signals.all()))
    assert list(case.signals.values_list("behaviour", flat=True)) == [second.behaviour]


def test_r6_the_keeper_of_the_file_sees_a_restricted_signal_marked_in_page_and_api(region):
    """R6: "restriction hides the item from everyone but the uitvoerder"."""
    ag = Agendering(region)
    assessment = ag.assessment()
    first, second = assessment.signals.order_by("pk")
    restrict(DossierRef("weegploeg", assessment.number), first, ag.keeper)
    keeper = verified_client(ag.keeper)
    page = reverse("weegploeg:assessment-signals", kwargs={"number": assessment.number})
    shown = keeper.get(page).content.decode()
    assert first.behaviour in shown and second.behaviour in shown
    assert shown.count("Afgeschermd") == 1
    listed = {row["id"]: row for row in keeper.get("/api/v1/signalen").json()["results"]}
    assert listed[first.pk]["restricted"] is True and listed[second.pk]["restricted"] is False
    assert keeper.get(f"/api/v1/signalen/{first.pk}").json()["restricted"] is True
    dossier = keeper.get(f"/api/v1/wegingen/{assessment.number}").json()
    assert {row["id"]: row["restricted"] for row in dossier["signals"]} == {
        first.pk: True,
        second.pk: False,
    }
    # Lifted: everyone sees it again, unmarked.
    registry.get("weegploeg").lift_restriction(
        DossierRef("weegploeg", assessment.number), registry.item_ref(first), by=ag.keeper
    )
    assert "Afgeschermd" not in keeper.get(page).content.decode()
    assert first.behaviour in verified_client(ag.wp.agent).get(page).content.decode()


def test_r1_r6_a_restricted_related_person_is_shown_to_the_keeper_only(region):
    ag = Agendering(region)
    case = full_case(ag)[Case]
    person = case.related_people.get()
    page = reverse("cases:case-people", kwargs={"number": case.number})
    api = f"/api/v1/casussen/{case.number}"
    partner = verified_client(ag.wp.agent)  # politie takes part in the case
    keeper = verified_client(ag.keeper)
    assert person.address in partner.get(page).content.decode()
    restrict(DossierRef("ico", case.number), person, ag.keeper)
    shown = partner.get(page).content.decode()
    assert person.address not in shown and "Afgeschermd" not in shown
    assert person.address not in partner.get(api).content.decode()
    shown = keeper.get(page).content.decode()
    assert person.address in shown and "Afgeschermd" in shown
    related = keeper.get(api).json()["relatedPeople"]
    assert [(row["id"], row["restricted"]) for row in related] == [(person.pk, True)]
    assert all(row["restricted"] is False for row in keeper.get(api).json()["signals"])


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


def test_r6_issue13_a_list_shows_a_restricted_row_only_where_the_reader_keeps_its_dossier(region):
    """`visible_rows`, the one rule of the lists (R6): restricted rows are left out unless
    `kept_filter` holds for them, then shown marked; the others are shown unmarked."""
    ag = Agendering(region)
    kept, other = ag.assessment(), ag.assessment()
    restricted = [kept.signals.order_by("pk").first(), other.signals.order_by("pk").first()]
    for row in restricted:
        restrict(DossierRef("weegploeg", row.assessment.number), row, ag.keeper)
    every = Q(assessment__in=[kept, other])
    shown = {
        row.pk: row.restricted
        for row in visible_rows(Signal, every, kept_filter=Q(assessment=kept))
    }
    open_rows = Signal._base_manager.filter(every).exclude(pk__in=[row.pk for row in restricted])
    assert shown == {restricted[0].pk: True, **{row.pk: False for row in open_rows}}
    none_kept = visible_rows(Signal, every, kept_filter=Q(assessment__in=[]))
    assert set(none_kept.values_list("pk", flat=True)) == {row.pk for row in open_rows}
