"""The case history through the API (S2, U5): the same rows as the case page, for who may see
the case; 404 for everyone else."""

import pytest

from cases import services
from cases.constants import Goal
from config.audit import acting_as
from security.models import AuditEntry
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_s2_u5_the_history_names_who_changed_which_fields_never_the_values(ico):
    case = ico.open_case(surname="Oudenaam")
    with acting_as(ico.keeper):
        services.set_goals(case, [Goal.HELP_AND_CARE], by=ico.keeper)
        case.surname = "Nieuwenaam"
        case.save()
    client = verified_client(ico.agent)
    response = client.get(f"/api/v1/casussen/{case.number}/geschiedenis")
    assert response.status_code == 200
    rows = response.json()
    assert rows[0]["actor"] == ico.keeper.display_name
    assert rows[0]["party"] == ico.gemeente.name
    assert rows[0]["subject"] == "casus" and rows[0]["action"] == "gewijzigd"
    assert rows[0]["changedFields"] == ["achternaam"]
    assert (rows[1]["subject"], rows[1]["action"]) == ("doel", "toegevoegd")
    assert "Oudenaam" not in response.content.decode()
    # Reading the history is a read of the case.
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_id=case.pk, actor=ico.agent
    ).exists()


@pytest.mark.parametrize("who", ["ggz", "partner_user"])
def test_c1_s1_who_may_not_see_the_case_gets_404(ico, who):
    ico.declare_partner()  # so that it is the case that refuses, not the access gate
    case = ico.open_case()
    response = verified_client(getattr(ico, who)).get(
        f"/api/v1/casussen/{case.number}/geschiedenis"
    )
    assert response.status_code == 404
