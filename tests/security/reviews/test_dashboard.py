"""U1, P4, S5: the dashboard panel of reviews and evaluations. The beheerder and the overseers
(FG, uitvoerder) see each authorisation review not signed off, by party, with its period and
deadline and a link to it; the overseers see the security policy evaluation due of their
Veiligheidshuis; a deelnemer gets no panel; a signed-off review leaves it; with nothing due the
panel says so in one line."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from parties.constants import Function
from security.models import AuthorisationReview
from security.services.policy import record_evaluation
from tests.conftest import verified_client
from tests.factories import make_user
from tests.security.panels import is_empty, items, overdue, panel

pytestmark = pytest.mark.django_db

LATE = date(2027, 5, 2)  # the review of the second quarter is overdue by then
KEY = "reviews-due"


def dashboard(user) -> str:
    return verified_client(user).get("/").content.decode()


def test_u1_p4_the_beheerder_and_the_fg_see_the_review_due_a_deelnemer_not(
    review, team, gemeente, beheerder
):
    fg = make_user(gemeente, Function.FG, username="fg")
    with time_machine.travel(LATE, tick=False):
        for user in (beheerder, fg):
            html = dashboard(user)
            lines = [line for line in items(html, KEY) if line.startswith(review.party.name)]
            assert len(lines) == 1 and "Controleer en teken" in lines[0]
            assert lines[0] in overdue(html, KEY)
            assert f'href="/toezicht/autorisatiereviews/{review.pk}/"' in panel(html, KEY)
        assert panel(dashboard(team["agent"]), KEY) is None


def test_u1_s5_the_overseer_sees_the_policy_evaluation_due_and_signed_off_reviews_leave(
    review, gemeente, region
):
    fg = make_user(gemeente, Function.FG, username="fg")
    with time_machine.travel(LATE, tick=False):
        html = dashboard(fg)
        assert any(
            line.startswith(f"{region.name}: Het beveiligingsbeleid is nog nooit geëvalueerd")
            for line in items(html, KEY)
        )
        record_evaluation(
            region,
            evaluated_on=date(2027, 5, 1),
            findings="Plan in orde.",
            measures="",
            next_on=None,
            by=fg,
        )
        AuthorisationReview.objects.filter(pk=review.pk).update(signed_off_at=timezone.now())
        html = dashboard(fg)
    assert is_empty(html, KEY)
    assert "Er is geen controle of evaluatie aan de beurt." in html
