"""C10 (VH 19, 20.2b): the copy for a subject who moved has its page and its API endpoint, both
for the keeper of the case only, both through `transfer_services.copy_for_moved_subject`."""

import pytest
from django.urls import reverse

from cases.models import Case, CopyOut
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module

pytestmark = pytest.mark.django_db

NOTE = "Verhuisd naar Elders; grondslag en noodzaak getoetst (VH 20.2b)."


def _moved():
    ag = Agendering(kennemerland())
    case = ag.agendeer(ag.assessment())
    return ag, case, elsewhere()


moved_built, moved = per_module(_moved, name="moved")


def page_url(case):
    return reverse("cases:copy-create", args=[case.number])


def api_url(case):
    return f"/api/v1/casussen/{case.number}/kopieen"


def form(other, **changes):
    return {
        "to": other.overleg.pk,
        "requested_by": other.keeper.pk,
        "checked_by": other.keeper.pk,
        "check_note": NOTE,
        "confirm": "on",
        **changes,
    }


def body(other, **changes):
    return {
        "toCasusoverleg": other.overleg.pk,
        "requestedBy": other.keeper.pk,
        "checkedBy": other.keeper.pk,
        "checkNote": NOTE,
        **changes,
    }


def test_c10_the_keeper_copies_from_the_page_after_confirming(moved):
    ag, case, other = moved
    client = verified_client(ag.keeper)
    detail = client.get(reverse("cases:case-detail", args=[case.number])).content.decode()
    assert page_url(case) in detail
    page = client.get(page_url(case))
    assert page.status_code == 200
    assert "Kopie naar het casusoverleg waar het subject is gaan wonen" in page.content.decode()
    unconfirmed = client.post(page_url(case), form(other, confirm=""))
    assert unconfirmed.status_code == 200 and not CopyOut.objects.exists()
    assert NOTE in unconfirmed.content.decode()  # what was typed is kept
    response = client.post(page_url(case), form(other))
    assert response.status_code == 302
    out = CopyOut.objects.get()
    assert (out.case, out.to_casusoverleg, out.check_note) == (case, other.overleg, NOTE)
    assert Case.objects.get(number=out.to_case_number).casusoverleg == other.overleg


def test_c10_the_page_names_a_wrong_requester_or_checker(moved):
    ag, case, other = moved
    response = verified_client(ag.keeper).post(
        page_url(case), form(other, requested_by=ag.wp.agent.pk, checked_by=ag.keeper.pk)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"requested_by", "checked_by"}
    assert not CopyOut.objects.exists()


@pytest.mark.parametrize("who", ["agent", "officier", "other keeper"])
def test_c10_only_the_keeper_reaches_the_page(moved, who):
    ag, case, other = moved
    user = other.keeper if who == "other keeper" else getattr(ag.wp, who)
    client = verified_client(user)
    assert client.get(page_url(case)).status_code == 404
    assert client.post(page_url(case), form(other)).status_code == 404
    assert not CopyOut.objects.exists()


def test_c10_the_keeper_copies_through_the_api(moved):
    ag, case, other = moved
    response = verified_client(ag.keeper).post(
        api_url(case), body(other), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    out = CopyOut.objects.get()
    assert response.json()["toCaseNumber"] == out.to_case_number
    assert response.json()["toCasusoverleg"] == other.overleg.pk


def test_c10_the_api_names_a_wrong_requester_and_refuses_the_same_veiligheidshuis(moved):
    ag, case, other = moved
    client = verified_client(ag.keeper)
    wrong = client.post(
        api_url(case), body(other, requestedBy=ag.wp.agent.pk), content_type="application/json"
    )
    assert wrong.status_code == 400
    assert [p["name"] for p in wrong.json()["invalidParams"]] == ["requestedBy"]
    same = client.post(
        api_url(case),
        body(other, toCasusoverleg=ag.overleg.pk, requestedBy=ag.keeper.pk, checkedBy=ag.keeper.pk),
        content_type="application/json",
    )
    assert same.status_code == 400
    assert not CopyOut.objects.exists()


@pytest.mark.parametrize("who", ["agent", "officier", "other keeper"])
def test_c10_only_the_keeper_copies_through_the_api(moved, who):
    ag, case, other = moved
    user = other.keeper if who == "other keeper" else getattr(ag.wp, who)
    response = verified_client(user).post(
        api_url(case), body(other), content_type="application/json"
    )
    assert response.status_code == 404
    assert not CopyOut.objects.exists()
