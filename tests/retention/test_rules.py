"""The retention terms, each on both sides (B2-B6, VH 20.1-2): the day before its date the
dossier is kept, on the day itself it is archived or destroyed. Pure rules over DossierState."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from parties.constants import FileKind
from retention.constants import Action, ArchiveFrom, Rule
from retention.rules import due, next_due
from retention.terms import DEFAULTS, Terms, terms_for
from subjects.registry import DossierRef, DossierState

WEEGPLOEG = DEFAULTS[FileKind.WEEGPLOEG]
ICO = DEFAULTS[FileKind.ICO]
VEELPLEGERS = Terms(24, ArchiveFrom.LAST_AGENDA, 72, None)
DAY = timedelta(days=1)


def dossier(**changes) -> DossierState:
    base = DossierState(
        ref=DossierRef("cases", "C-2026-0001"),
        status="active",
        decision="",
        decided_on=None,
        last_processed_on=date(2026, 3, 10),
        casusoverleg="",
        data_file_id=1,
        opened_on=date(2026, 1, 5),
        last_on_agenda=None,
        in_progress=False,
        not_agendered=False,
        deceased=False,
        archived=False,
        archived_on=None,
    )
    return replace(base, **changes)


def test_b2_not_agendered_weegploeg_dossier_destroyed_six_months_after_the_decision():
    state = dossier(
        decision="niet-substantieel",
        decided_on=date(2026, 11, 20),
        last_processed_on=date(2026, 11, 20),
        not_agendered=True,
    )
    assert due(state, WEEGPLOEG, as_of=date(2027, 5, 19)) is None
    assert due(state, WEEGPLOEG, as_of=date(2027, 5, 20)) == (next_due(state, WEEGPLOEG))
    found = due(state, WEEGPLOEG, as_of=date(2027, 5, 20))
    assert (found.action, found.rule, found.due_on) == (
        Action.DESTROY,
        Rule.NOT_AGENDERED,
        date(2027, 5, 20),
    )


def test_b2_a_file_without_the_not_agendered_term_keeps_to_its_ordinary_terms():
    state = dossier(
        decided_on=date(2026, 11, 20), last_processed_on=date(2026, 11, 20), not_agendered=True
    )
    assert due(state, ICO, as_of=date(2027, 5, 20)) is None
    assert next_due(state, ICO).rule == Rule.ARCHIVE_TERM


@pytest.mark.parametrize("terms", [WEEGPLOEG, ICO], ids=["weegploeg", "ico"])
def test_b3_archived_one_year_after_the_last_processing(terms):
    state = dossier()
    assert due(state, terms, as_of=date(2027, 3, 9)) is None
    found = due(state, terms, as_of=date(2027, 3, 10))
    assert (found.action, found.rule) == (Action.ARCHIVE, Rule.ARCHIVE_TERM)
    assert next_due(state, terms) == found
    # Archived once: no second archiving.
    assert due(replace(state, archived=True), terms, as_of=date(2028, 1, 1)) is None


@pytest.mark.parametrize("terms", [WEEGPLOEG, ICO], ids=["weegploeg", "ico"])
def test_b4_destroyed_five_years_after_the_last_processing(terms):
    state = dossier(archived=True, archived_on=date(2027, 3, 10))
    assert due(state, terms, as_of=date(2031, 3, 9)) is None
    found = due(state, terms, as_of=date(2031, 3, 10))
    assert (found.action, found.rule, found.due_on) == (
        Action.DESTROY,
        Rule.DESTROY_TERM,
        date(2031, 3, 10),
    )


def test_b4_destruction_beats_an_archiving_that_is_overdue_too():
    state = dossier()  # never archived (beat was down for years)
    found = due(state, ICO, as_of=date(2031, 3, 10))
    assert found.action == Action.DESTROY
    assert due(state, ICO, as_of=date(2031, 3, 9)).action == Action.ARCHIVE


@pytest.mark.django_db
def test_b4_c11_a_vh_casusoverleg_with_its_own_terms_destroys_after_six_years(region):
    """The demo's Veelplegers: terms per casusoverleg, recorded on its file (C11)."""
    from cases.permissions import file_of
    from retention.services.terms import set_terms
    from tests.cases.factories import Ico

    data_file = file_of(Ico(region, name="Veelplegers").overleg)
    set_terms(
        data_file,
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
    )
    terms = terms_for(data_file)
    assert terms == VEELPLEGERS
    state = dossier(archived=True, last_processed_on=date(2026, 3, 10))
    assert due(state, ICO, as_of=date(2031, 3, 10)).action == Action.DESTROY
    assert due(state, terms, as_of=date(2032, 3, 9)) is None
    assert due(state, terms, as_of=date(2032, 3, 10)).rule == Rule.DESTROY_TERM


def test_vh_20_1_archived_two_years_after_the_last_time_on_the_agenda():
    state = dossier(last_on_agenda=date(2026, 6, 1), last_processed_on=date(2026, 9, 1))
    assert due(state, VEELPLEGERS, as_of=date(2028, 5, 31)) is None
    found = due(state, VEELPLEGERS, as_of=date(2028, 6, 1))
    assert (found.action, found.rule, found.due_on) == (
        Action.ARCHIVE,
        Rule.ARCHIVE_TERM,
        date(2028, 6, 1),
    )


def test_vh_20_1_never_on_the_agenda_counts_from_the_opening():
    state = dossier(opened_on=date(2026, 1, 5))
    assert due(state, VEELPLEGERS, as_of=date(2028, 1, 4)) is None
    assert due(state, VEELPLEGERS, as_of=date(2028, 1, 5)).action == Action.ARCHIVE


def test_vh_20_1_a_case_in_progress_stays_active():
    """Being discussed, or measures with running deadlines: not archived, whatever the date."""
    state = dossier(last_on_agenda=date(2026, 6, 1), in_progress=True)
    assert due(state, VEELPLEGERS, as_of=date(2030, 1, 1)) is None
    assert due(state, ICO, as_of=date(2030, 1, 1)) is None


def test_b6_deceased_destroyed_at_once():
    state = dossier(deceased=True, decision="overleden", decided_on=date(2026, 4, 2))
    assert due(state, ICO, as_of=date(2026, 4, 2) - DAY) is None
    found = due(state, ICO, as_of=date(2026, 4, 2))
    assert (found.action, found.rule, found.due_on) == (
        Action.DESTROY,
        Rule.DECEASED,
        date(2026, 4, 2),
    )
    assert next_due(state, ICO) == found


def test_b6_deceased_without_a_decision_date_counts_from_the_last_processing():
    state = dossier(deceased=True)
    assert due(state, ICO, as_of=state.last_processed_on).rule == Rule.DECEASED


def test_next_due_is_the_first_action_whatever_the_date():
    state = dossier()
    assert next_due(state, ICO).action == Action.ARCHIVE
    archived = replace(state, archived=True)
    assert next_due(archived, ICO).due_on == date(2031, 3, 10)
