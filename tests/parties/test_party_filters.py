"""P3, U1: the lists of users and of authorisation changes filter on one party of all. The
choice stays set, an unknown party is left out rather than showing nothing, and the page does
not read more as parties are added (issue 13: every party is a choice, 566 at national scale)."""

import re

import pytest
from django.urls import reverse

from parties.constants import AuthorisationAction, Function, PartyKind
from parties.models import AuthorisationChange
from tests.conftest import verified_client
from tests.factories import PartyFactory, make_user
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

LOG = reverse("parties:authorisation-log")
USERS = reverse("parties:user-list")


def selected_party(html: str) -> str:
    """The value of the party chosen in the page's filter ("" for all parties)."""
    select = re.search(r'<select name="party"[^>]*>(.*?)</select>', html, re.S).group(1)
    chosen = re.findall(r'<option value="([^"]*)" selected>', select)
    return chosen[0] if chosen else ""


@pytest.fixture
def fg(gemeente):
    return make_user(gemeente, Function.FG, username="fg")


def test_p3_the_authorisation_log_shows_one_partys_changes_and_keeps_the_choice(
    fg, deelnemer, politie, gemeente
):
    page = verified_client(fg).get(LOG, {"party": politie.pk}).content.decode()
    assert selected_party(page) == str(politie.pk)
    assert deelnemer.display_name in page  # the police's member, granted
    shown = AuthorisationChange.objects.filter(party=politie).count()
    assert shown and page.count('<tr class="utrecht-table__row">') == shown + 1  # the header


def test_p3_the_authorisation_log_filters_on_the_kind_and_the_party_together(
    fg, deelnemer, politie
):
    client = verified_client(fg)
    wanted = {"party": politie.pk, "action": AuthorisationAction.MEMBERSHIP_GRANTED}
    page = client.get(LOG, wanted).content.decode()
    expected = AuthorisationChange.objects.filter(
        party=politie, action=AuthorisationAction.MEMBERSHIP_GRANTED
    ).count()
    assert expected and page.count('<tr class="utrecht-table__row">') == expected + 1
    assert f'<option value="{AuthorisationAction.MEMBERSHIP_GRANTED}" selected>' in page


def test_p3_an_unknown_party_is_left_out_and_the_kind_still_applies(fg, deelnemer):
    page = verified_client(fg).get(
        LOG, {"party": "999999", "action": AuthorisationAction.MEMBERSHIP_GRANTED}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert selected_party(html) == ""
    granted = AuthorisationChange.objects.filter(action=AuthorisationAction.MEMBERSHIP_GRANTED)
    assert html.count('<tr class="utrecht-table__row">') == granted.count() + 1


def test_u1_the_user_list_shows_one_partys_users_and_keeps_the_choice(
    beheerder, deelnemer, politie
):
    page = verified_client(beheerder).get(USERS, {"party": politie.pk}).content.decode()
    assert selected_party(page) == str(politie.pk)
    assert deelnemer.username in page
    assert beheerder.username not in page


@pytest.mark.parametrize("path", [LOG, USERS])
def test_issue13_the_party_filter_reads_the_same_with_more_parties(beheerder, fg, region, path):
    client = verified_client(fg if path == LOG else beheerder)
    few = count_queries(client, path)
    for number in range(20):
        PartyFactory(kind=PartyKind.WELZIJN, name=f"Welzijn {number}", veiligheidshuizen=[region])
    assert count_queries(client, path) == few
    html = client.get(path).content.decode()
    assert "Welzijn 19" in html and selected_party(html) == ""
