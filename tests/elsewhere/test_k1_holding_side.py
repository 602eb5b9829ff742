"""K1: "both sides see that a check was made": the keeper of the holding dossier reads on its
history who asked, when, from which Veiligheidshuis and what was answered; a reader who does
not keep the dossier does not."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.elsewhere.conftest import ask, dossier

pytestmark = pytest.mark.django_db


def history(user, assessment) -> str:
    url = reverse("weegploeg:assessment-history", args=[assessment.number])
    response = verified_client(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_k1_the_holding_keeper_sees_who_asked_about_the_dossier(asking, holding, with_basis):
    held = dossier(holding)
    ask(asking)
    page = history(holding.uitvoerder, held)
    assert 'data-testid="asked-about"' in page
    assert asking.uitvoerder.display_name in page
    assert asking.region.name in page


def test_k1_the_holding_keeper_sees_a_possible_match_as_to_be_confirmed(
    asking, holding, with_basis
):
    held = dossier(holding)
    ask(asking, given_names="Pieter", bsn="")  # the surname and date of birth only
    assert "ter bevestiging door u" in history(holding.uitvoerder, held)


def test_k1_no_check_yet_is_an_empty_state(asking, holding, with_basis):
    held = dossier(holding)
    page = history(holding.uitvoerder, held)
    assert 'data-testid="asked-about"' not in page
    assert "heeft naar deze persoon gevraagd" in page


def test_k1_a_reader_who_does_not_keep_the_dossier_does_not_see_the_checks(
    asking, holding, with_basis
):
    held = dossier(holding)
    ask(asking)
    page = history(holding.agent, held)
    assert 'data-testid="asked-about"' not in page
    assert asking.uitvoerder.display_name not in page


def test_k1_the_keeper_of_a_case_sees_who_asked_and_a_participant_does_not(
    asking, beheerder, with_basis
):
    """K1: the same on a case's history: its keeper sees the check, a participant does not."""
    from datetime import date

    from tests.cases.factories import Ico
    from tests.elsewhere.conftest import give_basis
    from tests.factories import VeiligheidshuisFactory

    ico = Ico(VeiligheidshuisFactory(code="amsterdam", name="Veiligheidshuis Amsterdam"))
    give_basis(ico.overleg, beheerder)
    case = ico.open_case(surname="Jansen", given_names="Piet", date_of_birth=date(1990, 5, 17))
    ask(asking)
    url = reverse("cases:case-history", args=[case.number])
    kept = verified_client(ico.keeper).get(url).content.decode()
    assert 'data-testid="asked-about"' in kept and asking.region.name in kept
    read = verified_client(ico.agent).get(url)
    assert read.status_code == 200
    assert 'data-testid="asked-about"' not in read.content.decode()
