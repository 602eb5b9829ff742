"""Agendering through the API (W6, C12, U5): `POST /api/v1/agenderingen` by the uitvoerder, the
same service as the page; 404 for everyone else; 400 naming the field for a wrong choice."""

import pytest

from cases.constants import IdentityMethod
from cases.models import Case
from parties.constants import Function
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.conftest import verified_client
from tests.factories import kennemerland, make_user, record_declaration
from tests.module_world import per_module
from tests.weegploeg.test_api import assert_404, invalid_names, post
from weegploeg.constants import Outcome
from weegploeg.models import CaseTransfer

pytestmark = pytest.mark.django_db

URL = "/api/v1/agenderingen"


def _ag():
    agendering = Agendering(kennemerland())
    beheerder = make_user(agendering.wp.haarlem, Function.BEHEERDER, username="beheerder")
    record_declaration(agendering.wp.extern, by=beheerder)
    return agendering


ag_built, ag = per_module(_ag, name="ag")


def body(ag, assessment, **changes):
    signals = list(assessment.signals.order_by("pk").values_list("pk", flat=True))
    findings = [f.pk for a in assessment.analyses.all() for f in a.findings.all()]
    values = {
        "assessment": assessment.number,
        "casusoverleg": ag.overleg.pk,
        "signals": signals[:1],
        "findings": findings[:1],
        "identityMethod": IdentityMethod.BRP,
        "identityNote": "",
        **changes,
    }
    return {key: value for key, value in values.items() if value is not None}


def test_w6_c12_the_keeper_agendeert_and_gets_the_case_number(ag):
    assessment = ag.assessment()
    client = verified_client(ag.keeper)
    response = post(client, URL, body(ag, assessment, identityNote="BRP door de gemeente"))
    assert response.status_code == 201, response.content
    data = response.json()
    case = Case.objects.get()
    assert data["caseNumber"] == case.number
    assert data["casusoverlegName"] == ag.overleg.name
    assert data["assessment"] == assessment.number
    assert response["Location"].endswith(f"{URL}/{data['id']}")
    assert case.signals.count() == 1 and case.findings.count() == 1
    assert case.identity_note == "BRP door de gemeente"
    # The case is there for the keeper under its number.
    assert client.get(f"/api/v1/casussen/{case.number}").status_code == 200
    assert client.get(f"{URL}/{data['id']}").json()["caseNumber"] == case.number


def test_w6_kernpartij_members_read_the_agenderingen_of_dossiers_they_see(ag):
    assessment = ag.assessment()
    ag.agendeer(assessment)
    rows = verified_client(ag.wp.agent).get(URL).json()["results"]
    assert [row["assessment"] for row in rows] == [assessment.number]
    # Nothing of what was written only: the choice stays in `what`.
    assert "signals" not in rows[0] and "identityNote" not in rows[0]


@pytest.mark.parametrize("who", ["agent", "raad", "partner"])
def test_w6_only_the_keeper_agendeert_everyone_else_gets_404(ag, who):
    assessment = ag.assessment()
    client = verified_client(getattr(ag.wp, who))
    assert_404(post(client, URL, body(ag, assessment)))
    assert not Case.objects.exists()


def test_w6_the_keeper_of_another_region_gets_404(ag):
    assessment = ag.assessment()
    other = elsewhere()
    assert_404(post(verified_client(other.keeper), URL, body(ag, assessment)))
    assert not Case.objects.exists()


def test_w6_a_wrong_choice_is_a_400_naming_the_field(ag):
    assessment = ag.assessment()
    client = verified_client(ag.keeper)
    assert "signals" in invalid_names(post(client, URL, body(ag, assessment, signals=[])))
    foreign = elsewhere()
    wrong_overleg = body(ag, assessment, casusoverleg=foreign.overleg.pk)
    assert "casusoverleg" in invalid_names(post(client, URL, wrong_overleg))
    unexplained = body(ag, assessment, identityMethod=IdentityMethod.OTHER)
    assert "identityNote" in invalid_names(post(client, URL, unexplained))
    forbidden = body(
        ag,
        assessment,
        identityMethod=IdentityMethod.OTHER,
        identityNote="Betrokkene van Marokkaanse afkomst.",
    )
    reason = invalid_names(post(client, URL, forbidden))["identityNote"]["reason"]
    assert "mogen niet worden vastgelegd" in reason
    assert not Case.objects.exists() and not CaseTransfer.objects.exists()


def test_w6_an_assessment_not_to_be_agendered_is_refused(ag):
    not_substantial = ag.assessment(outcome=Outcome.NOT_SUBSTANTIAL)
    response = post(verified_client(ag.keeper), URL, body(ag, not_substantial))
    assert response.status_code == 400
    assert not Case.objects.exists()
