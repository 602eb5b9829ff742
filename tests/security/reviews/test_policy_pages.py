"""S5 (CTER 15.2): the pages of the yearly evaluation of the security policy. The overseers of a
Veiligheidshuis (its FG and uitvoerder, `security.permissions.may_oversee`) see its evaluations
and record one; everyone else (a deelnemer, the beheerder, the overseer of another
Veiligheidshuis) gets 404. An error keeps what was typed, the next date defaults to a year
later, and the record is in the audit trail."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import gettext as _

from parties.constants import Function
from security.models import AuditEntry, PolicyEvaluation
from security.services.policy import record_evaluation
from tests.conftest import verified_client
from tests.factories import PartyFactory, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 15)
LIST = reverse("security:policy-list")
CREATE = reverse("security:policy-create")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def fg(gemeente):
    return make_user(gemeente, Function.FG, username="fg")


@pytest.fixture
def uitvoerder(gemeente):
    return make_user(gemeente, Function.UITVOERDER, username="uitvoerder")


@pytest.fixture
def other_fg(other_region):
    """The FG of a party of another Veiligheidshuis only."""
    party = PartyFactory(name="Gemeente Zaanstad", gemeente=True, veiligheidshuizen=[other_region])
    return make_user(party, Function.FG, username="fg.zaanstad")


def values(region, **changes):
    return {
        "veiligheidshuis": region.pk,
        "evaluated_on": "2027-03-01",
        "findings": "Beveiligingsplan doorgelopen.",
        "measures": "Instructie datalekken opnieuw verspreiden.",
        "next_on": "",
        **changes,
    }


@pytest.mark.parametrize("who", ["fg", "uitvoerder"])
def test_s5_the_overseers_of_the_region_see_the_list_and_the_form(request, region, who):
    client = verified_client(request.getfixturevalue(who))
    listed = client.get(LIST)
    assert listed.status_code == 200
    states = listed.content.decode().split('data-testid="policy-states"')[1].split("</table>")[0]
    assert region.name in states
    assert _("never") in states  # never evaluated yet
    form = client.get(CREATE)
    assert form.status_code == 200
    assert f'<option value="{region.pk}">{region.name}</option>' in form.content.decode()


@pytest.mark.parametrize("who", ["fg", "uitvoerder"])
def test_s5_the_overseers_of_the_region_record_an_evaluation(request, region, who):
    user = request.getfixturevalue(who)
    response = verified_client(user).post(CREATE, values(region, next_on="2028-01-31"))
    assert response.status_code == 302
    assert response["Location"] == LIST
    evaluation = PolicyEvaluation.objects.get()
    assert evaluation.veiligheidshuis == region and evaluation.evaluated_by == user
    assert evaluation.next_on == date(2028, 1, 31)


@pytest.mark.parametrize("who", ["deelnemer", "beheerder"])
def test_s5_others_get_404_on_the_list_and_the_form_and_record_nothing(request, region, who):
    """The beheerder manages accounts but does not oversee (`may_oversee`: FG and uitvoerder
    only); a deelnemer neither."""
    client = verified_client(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 404
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, values(region)).status_code == 404
    assert not PolicyEvaluation.objects.exists()


def test_s5_the_overseer_of_another_region_cannot_see_or_record_this_one(
    other_fg, region, other_region
):
    """The FG of another Veiligheidshuis has the pages, for that Veiligheidshuis only: this
    region is not listed, not offered, and a post for it is refused."""
    client = verified_client(other_fg)
    listed = client.get(LIST).content.decode()
    assert other_region.name in listed and region.name not in listed
    form = client.get(CREATE).content.decode()
    assert f'<option value="{other_region.pk}">' in form
    assert f'<option value="{region.pk}"' not in form
    refused = client.post(CREATE, values(region))
    assert refused.status_code == 400
    assert "utrecht-form-field--invalid" in refused.content.decode()
    assert not PolicyEvaluation.objects.exists()


def test_s5_the_list_shows_only_the_evaluations_of_the_overseen_regions(
    fg, other_fg, region, other_region
):
    ours = record_evaluation(
        region,
        evaluated_on=date(2027, 1, 10),
        findings="Plan in orde.",
        measures="",
        next_on=None,
        by=fg,
    )
    theirs = record_evaluation(
        other_region,
        evaluated_on=date(2027, 2, 10),
        findings="Plan in orde.",
        measures="",
        next_on=None,
        by=other_fg,
    )
    page = verified_client(fg).get(LIST).content.decode()
    assert f'data-testid="evaluation-{ours.pk}"' in page
    assert f'data-testid="evaluation-{theirs.pk}"' not in page
    assert other_region.name not in page
    states = page.split('data-testid="policy-states"')[1].split("</table>")[0]
    assert "10-01-2027" in states and "10-01-2028" in states  # last and next


def test_s5_an_error_keeps_what_was_typed(fg, region):
    typed = values(region, evaluated_on="2027-04-01", measures="Nieuwe training in mei.")
    response = verified_client(fg).post(CREATE, typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert _("The evaluation cannot lie in the future.") in page
    assert "Beveiligingsplan doorgelopen.</textarea>" in page
    assert "Nieuwe training in mei.</textarea>" in page
    assert 'value="2027-04-01"' in page
    assert f'<option value="{region.pk}" selected>' in page
    assert not PolicyEvaluation.objects.exists()


def test_s5_findings_are_required_and_the_rest_is_kept(fg, region):
    response = verified_client(fg).post(CREATE, values(region, findings="   "))
    assert response.status_code == 400
    page = response.content.decode()
    assert "utrecht-form-field--invalid" in page
    assert "Instructie datalekken opnieuw verspreiden.</textarea>" in page
    assert not PolicyEvaluation.objects.exists()


def test_s5_the_next_date_defaults_to_a_year_later(fg, region):
    response = verified_client(fg).post(CREATE, values(region, evaluated_on="2027-03-01"))
    assert response.status_code == 302
    assert PolicyEvaluation.objects.get().next_on == date(2028, 3, 1)
    # and a next date before the evaluation is refused, with the input kept
    response = verified_client(fg).post(
        CREATE, values(region, evaluated_on="2027-03-02", next_on="2027-03-01")
    )
    assert response.status_code == 400
    assert 'value="2027-03-01"' in response.content.decode()
    assert PolicyEvaluation.objects.count() == 1


def test_s5_the_recorded_evaluation_is_in_the_audit_trail(fg, region):
    verified_client(fg).post(CREATE, values(region))
    evaluation = PolicyEvaluation.objects.get()
    entry = AuditEntry.objects.get_for_object(evaluation).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == fg
