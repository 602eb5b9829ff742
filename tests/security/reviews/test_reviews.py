"""P4 (CTER 15.1f): the periodic review of granted authorisations. The review lists the party's
users with their rights, last sign-in and reads; the reviewer (the beheerder) keeps or revokes
each and signs off, which revokes exactly what it says through the parties services; others get
404."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import gettext as _

from parties.constants import AuthorisationAction, Function
from parties.models import AuthorisationChange, FileAuthorisation
from security.models import AuthorisationReview, ReviewItem
from security.services.authorisation_reviews import (
    authorisation_key,
    create_due_reviews,
    function_key,
    review_rows,
)
from tests.conftest import verified_client
from tests.factories import make_user
from tests.security.reviews.conftest import REVIEW_DAY

pytestmark = pytest.mark.django_db


def _keys(user):
    grants = {grant.function: function_key(grant) for grant in user.membership.functions.all()}
    files = {
        authorisation.file_id: authorisation_key(authorisation)
        for authorisation in FileAuthorisation.objects.live().filter(user=user)
    }
    return grants, files


def test_p4_a_review_per_active_party_per_quarter_created_once(gemeente, review, politie):
    assert (review.period_start, review.period_end) == (date(2027, 4, 1), date(2027, 6, 30))
    assert review.due_on == date(2027, 5, 1)
    assert create_due_reviews(as_of=REVIEW_DAY) == []
    assert AuthorisationReview.objects.filter(party=gemeente).count() == 1
    assert (
        len(create_due_reviews(as_of=date(2027, 7, 1)))
        == AuthorisationReview.objects.filter(period_start=date(2027, 7, 1)).count()
    )


def test_p4_the_review_lists_the_users_with_their_rights_last_sign_in_and_reads(
    review, team, other_region
):
    rows = {row.user.username: row for row in review_rows(review)}
    assert set(rows) == {"agent", "manager"}
    assert [grant.function for grant in rows["manager"].functions] == [
        Function.CASEMANAGER,
        Function.DEELNEMER,
    ]
    assert len(rows["manager"].authorisations) == 2
    assert rows["agent"].reads == 3  # the first quarter only
    assert rows["manager"].reads == 1
    assert rows["agent"].last_login is None


def test_p4_the_page_shows_the_figures(review, team, beheerder):
    response = verified_client(beheerder).get(reverse("security:review-detail", args=[review.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Test Gebruiker" in page
    section = page.split(f'data-testid="user-{team["agent"].pk}"')[1].split("</section>")[0]
    assert 'data-testid="reads">3<' in section
    assert f'data-testid="item-{_keys(team["agent"])[1][team["weegploeg"].pk]}"' in section


def _post_review(client, review, decisions, *, confirm):
    data = {"remarks": "Kwartaalcontrole"}
    for key, (decision, reason) in decisions.items():
        data[f"decision_{key}"] = decision
        data[f"reason_{key}"] = reason
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("security:review-detail", args=[review.pk]), data)


def _all_kept(team):
    decisions = {}
    for user in (team["agent"], team["manager"]):
        grants, files = _keys(user)
        for key in [*grants.values(), *files.values()]:
            decisions[key] = ("keep", "")
    return decisions


def test_p4_sign_off_revokes_exactly_what_it_says_and_keeps_the_rest(review, team, beheerder):
    agent, manager = team["agent"], team["manager"]
    decisions = _all_kept(team)
    agent_grants, agent_files = _keys(agent)
    manager_grants, manager_files = _keys(manager)
    decisions[agent_files[team["weegploeg"].pk]] = ("revoke", "Werkt niet meer in de weegploeg")
    decisions[manager_grants[Function.CASEMANAGER]] = ("revoke", "Geen casemanager meer")
    client = verified_client(beheerder)

    confirm = _post_review(client, review, decisions, confirm=False)
    assert confirm.status_code == 200
    assert 'data-testid="to-revoke"' in confirm.content.decode()
    assert FileAuthorisation.objects.live().filter(user=agent).count() == 1  # nothing done yet

    done = _post_review(client, review, decisions, confirm=True)
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.signed_off_by == beheerder and review.signed_off_at
    assert not FileAuthorisation.objects.live().filter(user=agent).exists()
    assert FileAuthorisation.objects.live().filter(user=manager).count() == 2
    manager.membership.refresh_from_db()
    assert manager.membership.function_codes() == [Function.DEELNEMER]
    assert agent.membership.function_codes() == [Function.DEELNEMER]
    changes = AuthorisationChange.objects.filter(actor=beheerder)
    assert set(changes.values_list("action", flat=True)) == {
        AuthorisationAction.FILE_ACCESS_REVOKED,
        AuthorisationAction.FUNCTIONS_CHANGED,
    }
    assert changes.count() == 2
    items = ReviewItem.objects.filter(review=review)
    assert items.count() == len(decisions)
    assert items.filter(decision="revoke").count() == 2
    # Signed off: the page shows the decisions, a second sign-off is refused.
    assert _post_review(client, review, decisions, confirm=True).status_code == 404


def test_p4_revoking_every_function_ends_the_membership(review, team, beheerder):
    decisions = _all_kept(team)
    grants, files = _keys(team["agent"])
    for key in [*grants.values(), *files.values()]:
        decisions[key] = ("revoke", "Uit dienst")
    assert (
        _post_review(verified_client(beheerder), review, decisions, confirm=True).status_code == 302
    )
    team["agent"].membership.refresh_from_db()
    assert team["agent"].membership.is_ended
    assert FileAuthorisation.objects.live().filter(user=team["manager"]).count() == 2


def test_p4_a_revocation_needs_a_reason_and_nothing_happens_without_it(review, team, beheerder):
    decisions = _all_kept(team)
    _grants, files = _keys(team["agent"])
    decisions[files[team["weegploeg"].pk]] = ("revoke", "")
    response = _post_review(verified_client(beheerder), review, decisions, confirm=True)
    assert response.status_code == 400
    assert _("Give the reason for revoking.") in response.content.decode()
    assert FileAuthorisation.objects.live().filter(user=team["agent"]).count() == 1
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_p4_keeping_a_file_while_revoking_the_working_function_is_refused(review, team, beheerder):
    decisions = _all_kept(team)
    grants, _files = _keys(team["agent"])
    decisions[grants[Function.DEELNEMER]] = ("revoke", "Geen deelnemer meer")
    response = _post_review(verified_client(beheerder), review, decisions, confirm=True)
    assert response.status_code == 400
    team["agent"].membership.refresh_from_db()
    assert not team["agent"].membership.is_ended
    assert FileAuthorisation.objects.live().filter(user=team["agent"]).count() == 1


def test_p4_every_item_needs_a_decision(review, team, beheerder):
    decisions = _all_kept(team)
    decisions.popitem()
    response = _post_review(verified_client(beheerder), review, decisions, confirm=False)
    assert response.status_code == 400
    assert _("Choose keep or revoke.") in response.content.decode()


@pytest.mark.parametrize("who", ["deelnemer", "casemanager", "uitvoerder"])
def test_p4_only_the_beheerder_signs_off(review, team, politie, gemeente, who):
    if who == "uitvoerder":
        user = make_user(gemeente, Function.UITVOERDER, username="uitvoerder")
    else:
        user = team["agent"] if who == "deelnemer" else team["manager"]
    client = verified_client(user)
    url = reverse("security:review-detail", args=[review.pk])
    response = _post_review(client, review, _all_kept(team), confirm=True)
    assert response.status_code == 404
    if who != "uitvoerder":
        assert client.get(url).status_code == 404
        assert client.get(reverse("security:review-list")).status_code == 404
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_p4_an_overseer_sees_the_reviews_of_its_region_read_only(
    review, other_party_review, gemeente
):
    fg = make_user(gemeente, Function.FG, username="fg")
    client = verified_client(fg)
    response = client.get(reverse("security:review-detail", args=[review.pk]))
    assert response.status_code == 200
    assert _("Check and sign off") not in response.content.decode()
    # Another party's review, outside the Veiligheidshuizen the FG oversees: 404.
    assert (
        client.get(reverse("security:review-detail", args=[other_party_review.pk])).status_code
        == 404
    )
    listed = client.get(reverse("security:review-list")).content.decode()
    assert f'data-testid="review-{review.pk}"' in listed
    assert f'data-testid="review-{other_party_review.pk}"' not in listed


def test_p4_the_beheerder_sees_every_party_and_filters_by_state(
    review, other_party_review, beheerder
):
    with time_machine.travel(date(2027, 5, 2), tick=False):
        client = verified_client(beheerder)
        overdue = client.get(reverse("security:review-list"), {"state": "overdue"})
        open_ = client.get(reverse("security:review-list"), {"state": "open"})
    assert f'data-testid="review-{review.pk}"' in overdue.content.decode()
    assert f'data-testid="review-{other_party_review.pk}"' in overdue.content.decode()
    assert f'data-testid="review-{review.pk}"' not in open_.content.decode()


def test_p4_the_beheerder_cannot_revoke_its_own_rights(gemeente, beheerder, team, review):
    gemeente_review = AuthorisationReview.objects.get(party=gemeente)
    grants, _files = _keys(beheerder)
    decisions = {grants[Function.BEHEERDER]: ("revoke", "Zelf")}
    response = _post_review(verified_client(beheerder), gemeente_review, decisions, confirm=True)
    assert response.status_code == 400
    beheerder.membership.refresh_from_db()
    assert beheerder.membership.function_codes() == [Function.BEHEERDER]
