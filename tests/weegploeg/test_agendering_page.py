"""The agendering page (W6, C12): the uitvoerder puts a decided "agenderen" assessment on the
agenda of a casusoverleg of the same Veiligheidshuis, choosing what goes along. Everyone else
gets 404; a wrong choice keeps what was chosen and says why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.constants import IdentityMethod
from cases.models import Case
from parties.constants import Function
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.conftest import verified_client
from tests.factories import kennemerland, make_user, record_declaration
from tests.module_world import per_module
from weegploeg import services
from weegploeg.constants import Outcome
from weegploeg.models import CaseTransfer

pytestmark = pytest.mark.django_db


ag_built, ag = per_module(lambda: Agendering(kennemerland()), name="ag")


def url(assessment, name="agendering"):
    return reverse(f"weegploeg:{name}", kwargs={"number": assessment.number})


def choice(ag, assessment, **overrides):
    signals = list(assessment.signals.order_by("pk"))
    findings = [f for a in assessment.analyses.all() for f in a.findings.all()]
    return {
        "casusoverleg": ag.overleg.pk,
        "signals": [signals[0].pk],
        "findings": [findings[0].pk],
        "identity_method": IdentityMethod.BRP,
        "identity_note": "",
        "confirm": "on",
        **overrides,
    }


def test_w6_the_dossier_offers_agendering_to_the_keeper_only(ag):
    assessment = ag.assessment()
    keeper_page = verified_client(ag.keeper).get(url(assessment, "assessment-detail"))
    assert url(assessment) in keeper_page.content.decode()
    # A kernpartij member sees the dossier but does not keep it.
    member_page = verified_client(ag.wp.agent).get(url(assessment, "assessment-detail"))
    assert member_page.status_code == 200
    assert url(assessment) not in member_page.content.decode()


def test_w6_a_case_not_to_be_agendered_offers_no_agendering(ag):
    not_substantial = ag.assessment(outcome=Outcome.NOT_SUBSTANTIAL)
    page = verified_client(ag.keeper).get(url(not_substantial, "assessment-detail"))
    assert url(not_substantial) not in page.content.decode()
    response = verified_client(ag.keeper).get(url(not_substantial), follow=True)
    assert response.redirect_chain[-1][0] == url(not_substantial, "assessment-detail")
    assert "Alleen een weging met de beslissing" in response.content.decode()


@pytest.mark.parametrize("who", ["agent", "raad", "partner", "other_keeper"])
def test_w6_everyone_but_the_keeper_of_the_region_gets_404(ag, who):
    assessment = ag.assessment()
    if who == "partner":
        # With its declaration, so that it is this page that refuses, not the access gate.
        beheerder = make_user(ag.wp.haarlem, Function.BEHEERDER, username="beheerder")
        record_declaration(ag.wp.extern, by=beheerder)
    user = elsewhere().keeper if who == "other_keeper" else getattr(ag.wp, who)
    client = verified_client(user)
    assert client.get(url(assessment)).status_code == 404
    assert client.post(url(assessment), choice(ag, assessment)).status_code == 404
    assert not Case.objects.exists()


def test_w6_c12_agendering_copies_the_chosen_parts_and_lands_on_the_case(ag):
    assessment = ag.assessment()
    client = verified_client(ag.keeper)
    page = client.get(url(assessment))
    assert page.status_code == 200
    body = page.content.decode()
    # Only the casusoverleggen of the assessment's own Veiligheidshuis are offered.
    other = elsewhere()
    assert ag.overleg.name in body and other.overleg.name not in body

    data = choice(ag, assessment, identity_method=IdentityMethod.OTHER, identity_note="Paspoort")
    response = client.post(url(assessment), data, follow=True)
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "cases:case-detail", kwargs={"number": case.number}
    )
    assert "De casus is geopend in het ICO-dossier." in response.content.decode()
    assert case.signals.count() == 1 and case.findings.count() == 1
    assert (case.identity_method, case.identity_note) == (IdentityMethod.OTHER, "Paspoort")
    transfer = CaseTransfer.objects.get(assessment=assessment)
    assert transfer.case_number == case.number
    assert transfer.what["signals"] == data["signals"]
    # The dossier shows where it went.
    dossier = client.get(url(assessment, "assessment-meetings")).content.decode()
    assert case.number in dossier and ag.overleg.name in dossier


def test_c12_another_identification_needs_an_explanation_and_keeps_the_choice(ag):
    assessment = ag.assessment()
    data = choice(ag, assessment, identity_method=IdentityMethod.OTHER)
    response = verified_client(ag.keeper).post(url(assessment), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "identity_note" in form.errors
    assert "Leg uit hoe de identiteit is vastgesteld." in response.content.decode()
    assert form["signals"].value() == [str(pk) for pk in data["signals"]]
    assert not Case.objects.exists()


def test_w6_at_least_one_signal_and_a_confirmation(ag):
    assessment = ag.assessment()
    response = verified_client(ag.keeper).post(
        url(assessment), choice(ag, assessment, signals=[], confirm="")
    )
    assert response.status_code == 200
    assert {"signals", "confirm"} <= set(response.context["form"].errors)
    assert not Case.objects.exists()


def test_w6_the_same_decision_goes_to_the_same_agenda_once(ag):
    assessment = ag.assessment()
    client = verified_client(ag.keeper)
    client.post(url(assessment), choice(ag, assessment))
    # U3: the only casusoverleg has it: the page no longer offers the transfer, nor its form ...
    dossier = client.get(url(assessment, "assessment-detail")).content.decode()
    assert url(assessment) not in dossier
    again = client.post(url(assessment), choice(ag, assessment), follow=True)
    assert "heeft dit besluit ontvangen" in again.content.decode()
    # ... and the service refuses it all the same.
    with pytest.raises(ValidationError, match="al op deze agenda"):
        services.agendeer(
            assessment,
            by=ag.keeper,
            casusoverleg=ag.overleg,
            signal_ids=[s.pk for s in assessment.signals.all()],
            finding_ids=[],
            identity_method=IdentityMethod.OTHER,
            identity_note="Paspoort",
        )
    assert Case.objects.count() == 1


def test_c8_the_identity_explanation_is_guarded(ag):
    assessment = ag.assessment()
    data = choice(
        ag,
        assessment,
        identity_method=IdentityMethod.OTHER,
        identity_note="Betrokkene van Marokkaanse afkomst.",
    )
    response = verified_client(ag.keeper).post(url(assessment), data)
    assert response.status_code == 200
    assert "identity_note" in response.context["form"].errors
    assert not Case.objects.exists()


def test_w6_parties_that_cannot_take_part_yet_are_named(ag):
    # The partner has no confidentiality declaration: it is left out, and the keeper is told.
    assessment = ag.assessment(advised=[ag.wp.rvdk, ag.wp.extern])
    response = verified_client(ag.keeper).post(url(assessment), choice(ag, assessment), follow=True)
    assert ag.wp.extern.name in response.content.decode()
    case = Case.objects.get()
    assert not case.participants.filter(party=ag.wp.extern).exists()
    assert case.participants.filter(party=ag.wp.rvdk).exists()
