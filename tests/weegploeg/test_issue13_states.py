"""Issue 13 (B2-B5): the weegploeg file reads the states of many dossiers, as the retention sweep
does for each batch, as rows: their current decisions and their regions' files in a number of
queries that does not grow with the dossiers or their regions, and no model instance per
dossier. The state itself stays what the rules read (CTER 13.4)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subjects import registry
from tests.factories import VeiligheidshuisFactory
from tests.queries import instances_built
from tests.weegploeg.factories import Weegploeg, decided, signal
from weegploeg import services
from weegploeg.constants import Outcome
from weegploeg.models import Assessment, Decision
from weegploeg.permissions import file_of

pytestmark = pytest.mark.django_db


def _states(numbers):
    return {state.ref.key: state for state in registry.get("weegploeg").states(numbers)}


def test_issue13_b2_w3_the_state_holds_the_current_decision_and_the_regions_file(region):
    wp = Weegploeg(region)
    other = Weegploeg(VeiligheidshuisFactory(code="zaanstreek", name="VH Zaanstreek"))
    open_one = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    settled = decided(other, Outcome.NOT_SUBSTANTIAL, date(2026, 11, 20))
    # Reopened and decided again: the latest decision is the current one (W3).
    redecided = decided(wp, Outcome.NOT_SUBSTANTIAL, date(2026, 11, 2))
    services.reopen(redecided, by=wp.uitvoerder, reason="Nieuw signaal van de politie.")
    services.decide(
        redecided,
        by=wp.uitvoerder,
        outcome=Outcome.AGENDEREN,
        reasons="Toch agenderen.",
        decided_on=date(2026, 11, 25),
        advice_to_driehoek="Agenderen.",
    )
    # Reopened and not yet decided again: no decision holds.
    reopened = decided(wp, Outcome.NOT_SUBSTANTIAL, date(2026, 11, 3))
    services.reopen(reopened, by=wp.uitvoerder, reason="Nieuw signaal van de politie.")

    states = _states([a.number for a in (open_one, settled, redecided, reopened)])

    assert (states[settled.number].decision, states[settled.number].decided_on) == (
        Outcome.NOT_SUBSTANTIAL,
        date(2026, 11, 20),
    )
    assert states[settled.number].not_agendered  # CTER 13.4: six months (B2)
    assert states[settled.number].data_file_id == file_of(other.region).pk
    assert (states[redecided.number].decision, states[redecided.number].decided_on) == (
        Outcome.AGENDEREN,
        date(2026, 11, 25),
    )
    assert not states[redecided.number].not_agendered
    assert states[redecided.number].data_file_id == file_of(wp.region).pk
    for assessment in (open_one, reopened):
        state = states[assessment.number]
        assert (state.decision, state.decided_on, state.not_agendered) == ("", None, False)
    assert not any(state.archived for state in states.values())


def test_issue13_b2_many_states_are_read_as_rows_in_queries_that_do_not_grow(region):
    wp = Weegploeg(region)
    decided(wp, Outcome.NOT_SUBSTANTIAL, date(2026, 11, 20))
    numbers = list(Assessment.objects.values_list("number", flat=True))
    _states(numbers)  # the files are made on first use
    with CaptureQueriesContext(connection) as few:
        _states(numbers)

    for code in ("zaanstreek", "gooi"):
        other = Weegploeg(VeiligheidshuisFactory(code=code, name=f"VH {code}"))
        for outcome in (Outcome.NOT_SUBSTANTIAL, Outcome.AGENDEREN):
            decided(other, outcome, date(2026, 11, 21))
    numbers = list(Assessment.objects.values_list("number", flat=True))
    _states(numbers)
    with (
        CaptureQueriesContext(connection) as many,
        instances_built(Decision) as decisions,
        instances_built(Assessment) as assessments,
    ):
        found = _states(numbers)

    assert len(found) == 5
    assert len(many) == len(few)
    assert decisions == [] and assessments == []
