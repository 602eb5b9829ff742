"""The shared kernel of both files in `subjects/` (issue 8, finding 3): dossier numbering, the
periodic check queue (W5, C9), the reopening step (W3, C5) and the copy of signals and NAW into
a case (W6, C10)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, CaseSignal
from subjects.copies import SIGNAL_FIELDS, person_copy, signal_copy
from subjects.models import PERSON_FIELDS, DossierSequence
from subjects.numbering import next_number, year_prefix
from tests.cases.transfer_fixtures import Agendering
from tests.weegploeg.factories import signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import DOSSIER_PREFIX
from weegploeg.models import Assessment, Signal


@pytest.fixture
def ag(region):
    return Agendering(region)


# --- numbering ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_both_files_number_their_dossiers_from_one_counter_per_year(ag):
    year = timezone.localdate().year
    first = ag.assessment()
    second = signal(by=ag.wp.agent, brought_by=ag.wp.politie, region=ag.region).assessment
    assert (first.number, second.number) == (f"W-{year}-00001", f"W-{year}-00002")
    case = ag.agendeer(first)
    assert case.number == f"C-{year}-00001"
    assert DossierSequence.objects.filter(key__endswith=f":W-{year}-").get().last == 2


@pytest.mark.django_db
def test_a_number_is_never_given_twice_not_even_after_destruction(ag):
    wp = ag.wp
    newest = signal(by=wp.agent, brought_by=wp.politie, region=ag.region).assessment
    weegploeg_services.destroy(newest, by=None)
    again = signal(by=wp.agent, brought_by=wp.politie, region=ag.region).assessment
    assert again.number > newest.number


@pytest.mark.django_db
def test_numbering_continues_after_numbers_given_before_the_counter(ag):
    prefix = year_prefix(DOSSIER_PREFIX)
    assessment = signal(by=ag.wp.agent, brought_by=ag.wp.politie, region=ag.region).assessment
    DossierSequence.objects.all().delete()
    Assessment.objects.filter(pk=assessment.pk).update(number=f"{prefix}00041")
    assert next_number(prefix, Assessment) == f"{prefix}00042"
    assert next_number(prefix, Assessment) == f"{prefix}00043"


@pytest.mark.django_db(transaction=True)
def test_numbers_drawn_at_the_same_moment_differ():
    """Eight transactions draw a number at once; each keeps its transaction open until all have
    drawn or are waiting for the counter row, as two intakes at the same moment would."""
    prefix, count = "T-2026-", 8
    start = threading.Barrier(count)
    numbers, errors = [], []

    def draw():
        try:
            start.wait()
            with transaction.atomic():
                numbers.append(next_number(prefix, Case))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"{prefix}{n:05d}" for n in range(1, count + 1)]


# --- the check queue (W5, C9) -------------------------------------------------------------------


@pytest.mark.django_db
def test_w5_c9_both_check_queues_follow_check_days(ag, settings):
    settings.CHECK_DAYS = 10
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assessment = ag.assessment()
        case = ag.agendeer(assessment)
        later = signal(by=ag.wp.agent, brought_by=ag.wp.politie, region=ag.region).assessment
        traveller.shift(timedelta(days=9))
        assert list(weegploeg_services.check_queue(ag.region)) == []
        assert list(case_services.check_queue(ag.overleg)) == []
        traveller.shift(timedelta(days=2))
        weegploeg_services.record_check(assessment, by=ag.keeper, outcome="correct")
        # Never checked first, then the oldest check.
        assert list(weegploeg_services.check_queue(ag.region)) == [later]
        assert list(case_services.check_queue(ag.overleg)) == [case]
        case_services.record_check(case, by=ag.keeper, outcome="correct")
        assert list(case_services.check_queue(ag.overleg)) == []
        traveller.shift(timedelta(days=11))
        assert list(weegploeg_services.check_queue(ag.region)) == [later, assessment]
        assert list(weegploeg_services.check_queue(ag.region, days=30)) == []


# --- reopening (W3, C5) -------------------------------------------------------------------------


@pytest.mark.django_db
def test_w3_c5_both_files_reopen_through_one_step_with_who_when_and_why(ag):
    assessment = ag.assessment()
    case = ag.agendeer(assessment)
    case_services.advise_closing(
        case, by=ag.keeper, advice="Klaar.", advised_on=timezone.localdate()
    )
    case_services.decide_closing(
        case, by=ag.keeper, reason="result", decided_on=timezone.localdate()
    )
    for reopen, dossier, record in (
        (weegploeg_services.reopen, assessment, assessment.decisions.first),
        (case_services.reopen, case, case.closings.first),
    ):
        with pytest.raises(ValidationError):
            reopen(dossier, by=ag.keeper, reason=" ")
        assert record().reopened_at is None
        reopen(dossier, by=ag.keeper, reason="Nieuw signaal.")
        reopened = record()
        assert reopened.reopened_by == ag.keeper and reopened.reopened_at is not None
        assert reopened.reopening_reason == "Nieuw signaal."


# --- the copy into a case (W6, C10) -------------------------------------------------------------


def test_w6_c10_the_signal_copy_holds_every_field_of_a_case_signal():
    case_signal = {field.name for field in CaseSignal._meta.concrete_fields} - {"id", "case"}
    assert set(SIGNAL_FIELDS) == case_signal
    assert set(SIGNAL_FIELDS) <= {field.name for field in Signal._meta.concrete_fields}


@pytest.mark.django_db
def test_w6_the_case_holds_the_signals_and_naw_as_copied(ag):
    assessment = ag.assessment()
    case = ag.agendeer(assessment)
    assert person_copy(case) == person_copy(assessment)
    assert set(PERSON_FIELDS) == set(person_copy(case))
    copied = [signal_copy(row) for row in case.signals.order_by("observed_on", "pk")]
    source = [signal_copy(row) for row in assessment.signals.order_by("observed_on", "pk")]
    assert copied == source


@pytest.mark.django_db
def test_p8_resync_all_syncs_every_dossier_once_in_chunks():
    """P8: one chunked loop re-derives the permissions of both files."""
    from django.contrib.auth.models import Group

    from subjects.permissions import resync_all

    groups = [Group.objects.create(name=f"resync {n}") for n in range(5)]
    seen = []
    assert (
        resync_all(Group.objects.filter(name__startswith="resync"), seen.append, chunk_size=2) == 5
    )
    assert seen == groups
