"""S2, CTER 15.1e: unusual access stands out, and the ordinary day's work does not. First each
rule on its own (pure, no database), then the rules over reads written at fixed times with
time-machine, as the access log shows them, with their query count bounded."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.services import revoke_file_access
from security import anomalies
from security.anomalies import Authorisation, Dossier, Facts, Read, Reason, Thresholds
from security.models import AuditEntry
from security.selectors import access_log
from subjects import registry
from tests.conftest import verified_client
from tests.factories import data_file
from tests.security.access_log.world import at, on, read, ref_of, worked_out

LIMITS = Thresholds(factor=2, baseline_days=3, min_reads=3, night_start=22, night_end=6)


@pytest.fixture
def limits(settings):
    settings.ANOMALY_READS_FACTOR = LIMITS.factor
    settings.ANOMALY_BASELINE_DAYS = LIMITS.baseline_days
    settings.ANOMALY_MIN_READS = LIMITS.min_reads
    settings.ANOMALY_NIGHT_START = LIMITS.night_start
    settings.ANOMALY_NIGHT_END = LIMITS.night_end


def facts(**kwargs) -> Facts:
    return Facts(thresholds=LIMITS, **kwargs)


# --- each rule on its own --------------------------------------------------------------------


def test_s2_rule_far_more_reads_than_usual():
    day = date(2031, 3, 5)
    usual = {(1, day - timedelta(days=back)): 2 for back in (1, 2, 3)}  # two dossiers a day
    known = facts(dossiers_per_day={**usual, (1, day): 5})
    assert anomalies.far_more_than_usual(Read(1, 1, at(2031, 3, 5), "ico", "C-1"), known)
    # the ordinary day: as many as usual, or twice as many (not more than the factor)
    ordinary = facts(dossiers_per_day={**usual, (1, day): 4})
    assert not anomalies.far_more_than_usual(Read(1, 1, at(2031, 3, 5), "ico", "C-1"), ordinary)
    # a new user reading fewer than the minimum does not stand out
    new = facts(dossiers_per_day={(1, day): 2})
    assert not anomalies.far_more_than_usual(Read(1, 1, at(2031, 3, 5), "ico", "C-1"), new)
    assert anomalies.far_more_than_usual(
        Read(1, 1, at(2031, 3, 5), "ico", "C-1"), facts(dossiers_per_day={(1, day): 3})
    )


def test_s2_rule_outside_the_readers_files():
    held = Authorisation(file_id=7, granted_at=at(2031, 1, 1), ended_at=at(2031, 3, 1))
    known = facts(authorisations={1: [held]}, dossiers={("ico", "C-1"): Dossier(7, False)})
    assert not anomalies.outside_authorisation(Read(1, 1, at(2031, 2, 1), "ico", "C-1"), known)
    # after the authorisation ended, before it began, or another file's dossier
    assert anomalies.outside_authorisation(Read(2, 1, at(2031, 3, 2), "ico", "C-1"), known)
    assert anomalies.outside_authorisation(Read(3, 1, at(2030, 12, 1), "ico", "C-1"), known)
    known.dossiers[("ico", "C-2")] = Dossier(8, False)
    assert anomalies.outside_authorisation(Read(4, 1, at(2031, 2, 1), "ico", "C-2"), known)
    # a destroyed dossier, or a read of no dossier: nothing to say
    assert not anomalies.outside_authorisation(Read(5, 1, at(2031, 2, 1), "ico", "C-9"), known)
    assert not anomalies.outside_authorisation(Read(6, 1, at(2031, 2, 1)), known)


def test_s2_rule_archived_dossier():
    known = facts(dossiers={("ico", "C-1"): Dossier(7, True, date(2031, 3, 6))})
    assert anomalies.of_archived_dossier(Read(1, 1, at(2031, 3, 6), "ico", "C-1"), known)
    assert not anomalies.of_archived_dossier(Read(2, 1, at(2031, 3, 5), "ico", "C-1"), known)
    active = facts(dossiers={("ico", "C-1"): Dossier(7, False)})
    assert not anomalies.of_archived_dossier(Read(3, 1, at(2031, 3, 6), "ico", "C-1"), active)


@pytest.mark.parametrize(
    ("hour", "minute", "night"),
    [(21, 59, False), (22, 0, True), (23, 30, True), (3, 0, True), (5, 59, True), (6, 0, False)],
)
def test_s2_rule_night(hour, minute, night):
    read_at = at(2031, 3, 5, hour, minute)
    assert anomalies.at_night(Read(1, 1, read_at), facts()) is night


# --- over the log ----------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_s2_each_rule_highlights_what_it_should_and_not_the_ordinary_day(world, limits):
    a, b, c = world.case(), world.case(), world.case()
    agent, keeper = world.agent, world.uitvoerder
    ordinary = [
        read(agent, a, at(2031, 3, 2)),
        read(agent, a, at(2031, 3, 3)),
        read(agent, a, at(2031, 3, 3, 6, 0)),
        read(agent, a, at(2031, 3, 4, 21, 59)),
        read(keeper, c, at(2031, 3, 5, 11)),  # before the archive
        read(world.ico.officier, a, at(2031, 3, 6, 9)),  # while authorised
    ]
    with on(at(2031, 3, 4, 12)):
        ordinary.append(
            AuditEntry.objects.log_create(a, force_log=True, action=AuditEntry.Action.UPDATE)
        )
    many = [read(agent, case, at(2031, 3, 5, 10, n)) for n, case in enumerate((a, b, c))]
    night = read(agent, a, at(2031, 3, 4, 23, 30))
    outside = read(world.other.agent, b, at(2031, 3, 4, 14))
    with on(at(2031, 3, 6, 9)):
        registry.get("ico").archive(ref_of(c), by=keeper)
    archived = read(keeper, c, at(2031, 3, 6, 11))
    with on(at(2031, 3, 7, 9)):
        held = world.ico.officier.file_authorisations.get(file=data_file(world.ico.overleg))
        revoke_file_access(held, by=None, reason="test")
    ended = read(world.ico.officier, a, at(2031, 3, 8, 9))

    worked_out(at(2031, 3, 10))
    with on(at(2031, 3, 10)):
        entries = access_log.visible_entries(world.fg).filter(
            timestamp__gte=at(2031, 3, 1), timestamp__lt=at(2031, 3, 10)
        )
        flagged = access_log.anomalies_of(entries)
    assert flagged == {
        **{entry.pk: [Reason.MANY_READS] for entry in many},
        night.pk: [Reason.NIGHT],
        outside.pk: [Reason.OUTSIDE],
        archived.pk: [Reason.ARCHIVED],
        ended.pk: [Reason.OUTSIDE],
    }
    assert not {entry.pk for entry in ordinary} & set(flagged)


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytestmark_db
def test_s2_the_log_marks_unusual_reads_in_bounded_queries(world, limits):
    a, b = world.case(), world.case()
    for hour in (9, 23):
        read(world.agent, a, at(2031, 3, 5, hour))
        read(world.agent, b, at(2031, 3, 5, hour, 30))
    url = reverse("security:access-log") + "?date_from=2031-03-01&date_to=2031-03-10"
    with on(at(2031, 3, 10)):
        worked_out()
        client = verified_client(world.fg)
        client.get(url)  # the session's first request
        few = page_queries(client, url)
        for minute in range(20):
            read(world.agent, a, at(2031, 3, 5, 23, minute))
            read(world.agent, b, at(2031, 3, 5, 9, minute))
        worked_out()
        many = page_queries(client, url)
        response = client.get(url + "&unusual=on")
    assert many == few
    html = response.content.decode()
    assert html.count('data-unusual="true"') == 22  # the night reads, only
    assert 'data-testid="summary-2031-03-05"' in html
