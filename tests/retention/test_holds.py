# ruff: noqa: F811 - the fixtures of page_fixtures are imported by name
"""B6, VH 20.2: recording a hold and ending it, by the keeper of the dossier's file only;
validated, logged, and a held dossier is what the sweep asks about (`held_dossiers`)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from retention.models import Hold
from retention.services.holds import end_hold, held_dossiers, record_hold
from security.models import AuditEntry as LogEntry
from subjects.registry import DossierRef
from tests.retention.page_fixtures import TODAY, rw, rw_built, rw_copy  # noqa: F401

pytestmark = pytest.mark.django_db

LATER = TODAY + timedelta(days=90)


def hold(rw, ref=None, **changes):
    values = {
        "reasons": "Lopend strafrechtelijk onderzoek.",
        "controller_decision": "Besluit kernpartijen 1 december.",
        "until": LATER,
    }
    return record_hold(ref or rw.weegploeg_ref, by=rw.keeper, **{**values, **changes})


def test_b6_the_keeper_records_a_hold_and_the_dossier_is_held(rw):
    recorded = hold(rw)
    assert recorded.recorded_by == rw.keeper
    assert (rw.weegploeg_ref.file_label, rw.weegploeg_ref.key) in held_dossiers(as_of=TODAY)
    entry = LogEntry.objects.get_for_object(recorded).get()
    assert entry.actor == rw.keeper


def test_b6_a_hold_needs_reasons_a_decision_and_a_future_end_date(rw):
    with pytest.raises(ValidationError) as refused:
        hold(rw, reasons="  ", controller_decision="", until=TODAY)
    assert set(refused.value.error_dict) == {"reasons", "controller_decision", "until"}
    with pytest.raises(ValidationError):
        hold(rw, until=TODAY - timedelta(days=1))
    assert not Hold.objects.exists()


def test_b6_a_hold_is_refused_on_an_unknown_dossier_and_to_who_does_not_keep_it(rw):
    with pytest.raises(ValidationError):
        hold(rw, ref=DossierRef("weegploeg", "W-2026-99999"))
    with pytest.raises(ValidationError):
        hold(rw, ref=DossierRef("geen-bestand", "X-1"))
    for user in (rw.stranger, rw.agent, rw.beheerder):
        with pytest.raises(PermissionDenied):
            record_hold(
                rw.weegploeg_ref, reasons="r", controller_decision="d", until=LATER, by=user
            )
    # the stranger keeps their own dossier
    assert record_hold(
        rw.elders_ref, reasons="r", controller_decision="d", until=LATER, by=rw.stranger
    )


def test_b6_ending_a_hold_early_is_logged_and_frees_the_dossier(rw):
    recorded = hold(rw)
    with pytest.raises(PermissionDenied):
        end_hold(recorded, by=rw.stranger)
    ended = end_hold(recorded, by=rw.keeper)
    assert ended.ended_by == rw.keeper and ended.ended_at is not None
    assert held_dossiers(as_of=TODAY) == set()
    assert LogEntry.objects.get_for_object(recorded).count() == 2
    with pytest.raises(ValidationError):
        end_hold(recorded, by=rw.keeper)


def test_b6_a_hold_on_a_date_ends_after_it(rw):
    hold(rw, until=date(2027, 1, 1))
    assert held_dossiers(as_of=date(2027, 1, 1))
    assert held_dossiers(as_of=date(2027, 1, 2)) == set()
