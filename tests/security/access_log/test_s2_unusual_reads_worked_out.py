"""S2, CTER 15.1e; issue 13 (docs/adr/0027): the unusual reads are worked out ahead by a job on
beat (`security.services.unusual_reads`) from where it stopped, with the rules of
`security.anomalies` as they were: a day that grows busy marks its earlier reads, a dossier
archived later the same day or reactivated is looked at again, a destroyed dossier's reads go
with its trail, and the access log says when the figures were last worked out."""

import pytest
from django.urls import reverse
from django.utils import translation

from security.anomalies import Reason
from security.models import AuditEntry, UnusualRead
from security.selectors import access_log
from security.services.unusual_reads import work_out
from subjects import registry
from tests.conftest import verified_client
from tests.security.access_log.test_s2_anomalies import limits  # noqa: F401 (fixture)
from tests.security.access_log.world import at, on, read, ref_of, worked_out

pytestmark = pytest.mark.django_db


def flags(*entries) -> dict[int, list[str]]:
    return access_log.anomalies_of(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]))


def test_s2_reads_are_marked_once_worked_out_and_from_where_the_job_stopped(world, limits):  # noqa: F811
    night = read(world.agent, world.case(), at(2031, 3, 5, 23))
    assert flags(night) == {}  # not worked out yet
    first = worked_out(at(2031, 3, 5, 23, 1))
    assert flags(night) == {night.pk: [Reason.NIGHT]}
    assert work_out().entries == 0  # nothing new: the second run does nothing
    later = read(world.agent, world.case(), at(2031, 3, 6, 2))
    second = worked_out(at(2031, 3, 6, 2, 1))
    assert second.entries >= 1 and second.sequence > first.sequence
    assert flags(night, later) == {night.pk: [Reason.NIGHT], later.pk: [Reason.NIGHT]}


def test_s2_a_day_that_grows_busy_marks_its_earlier_reads(world, limits):  # noqa: F811
    """Far more than usual (minimum three dossiers, over twice the average): two dossiers read
    in the morning are ordinary when worked out; a third that afternoon makes the whole day
    stand out, the morning's reads included."""
    a, b, c = world.case(), world.case(), world.case()
    read(world.agent, a, at(2031, 3, 4))
    morning = [read(world.agent, case, at(2031, 3, 5, 9, n)) for n, case in enumerate((a, b))]
    worked_out(at(2031, 3, 5, 9, 30))
    assert flags(*morning) == {}
    afternoon = read(world.agent, c, at(2031, 3, 5, 15))
    worked_out(at(2031, 3, 5, 15, 1))
    assert flags(*morning, afternoon) == {
        entry.pk: [Reason.MANY_READS] for entry in (*morning, afternoon)
    }


def test_s2_a_dossier_archived_later_that_day_or_reactivated_is_looked_at_again(world, limits):  # noqa: F811
    """The archive rule as before: a read on or after the day the dossier went to the archive,
    while it is in the archive. Worked out before the archive, the morning's read is marked once
    the dossier is archived that afternoon, and no longer once it is reactivated."""
    case, keeper = world.case(), world.uitvoerder
    morning = read(keeper, case, at(2031, 3, 5, 10))
    worked_out(at(2031, 3, 5, 10, 1))
    assert flags(morning) == {}
    with on(at(2031, 3, 5, 15)):
        registry.get("ico").archive(ref_of(case), by=keeper)
    worked_out(at(2031, 3, 5, 15, 1))
    assert flags(morning) == {morning.pk: [Reason.ARCHIVED]}
    with on(at(2031, 3, 6, 9)):
        registry.get("ico").reactivate(ref_of(case), by=keeper)
    worked_out(at(2031, 3, 6, 9, 1))
    assert flags(morning) == {}
    assert not UnusualRead.objects.filter(pk=morning.pk).exists()


def test_s2_a_destroyed_dossier_leaves_no_unusual_read(world, limits):  # noqa: F811
    """B8: the reads of a destroyed dossier go with its trail, and so does what was worked out
    of them; the access log counts none."""
    case = world.case()
    outside = read(world.other.agent, case, at(2031, 3, 5, 23, 30))
    worked_out(at(2031, 3, 5, 23, 31))
    assert flags(outside) == {outside.pk: [Reason.OUTSIDE, Reason.NIGHT]}
    with on(at(2031, 3, 6, 9)):
        registry.get("ico").destroy(ref_of(case), by=world.uitvoerder)
    assert not UnusualRead.objects.filter(pk=outside.pk).exists()
    worked_out(at(2031, 3, 6, 9, 1))
    with on(at(2031, 3, 6, 10)):
        assert access_log.recent_anomaly_count(world.fg, days=7) == 0
    assert not UnusualRead.objects.exists()


def test_s2_the_log_says_when_the_unusual_reads_were_last_worked_out(world, limits):  # noqa: F811
    url = reverse("security:access-log") + "?date_from=2031-03-01"
    read(world.agent, world.case(), at(2031, 3, 5, 23))
    with on(at(2031, 3, 6, 8)), translation.override("nl"):
        html = verified_client(world.fg).get(url).content.decode()
    assert "nog niet uitgerekend" in html
    assert 'data-unusual="true"' not in html
    worked_out(at(2031, 3, 6, 8, 1))
    with on(at(2031, 3, 6, 8, 5)), translation.override("nl"):
        html = verified_client(world.fg).get(url).content.decode()
    assert "06-03-2031 08:01" in html
    assert 'data-unusual="true"' in html


def test_s2_the_overseer_counts_the_unusual_reads_of_their_parties_and_files_only(world, limits):  # noqa: F811
    """Who oversees an unusual read (`access_log.overseen_scope`): the overseers of the reader's
    party and of the dossier's file. The summary narrowed by a reader counts theirs alone."""
    mine = read(world.agent, world.case(), at(2031, 3, 5, 23))  # my party, my file
    into_mine = read(world.other.agent, world.case(), at(2031, 3, 5, 23, 5))  # my file
    theirs = read(world.other.agent, world.other_case(), at(2031, 3, 5, 23, 10))
    worked_out(at(2031, 3, 5, 23, 30))
    assert set(flags(mine, into_mine, theirs)) == {mine.pk, into_mine.pk, theirs.pk}
    with on(at(2031, 3, 6)):
        assert access_log.recent_anomaly_count(world.fg, days=7) == 2
        assert access_log.recent_anomaly_count(world.other_uitvoerder, days=7) == 2
        everyone = access_log.anomaly_summary(world.fg, access_log.Filters())
        narrowed = access_log.anomaly_summary(world.fg, access_log.Filters(user=world.agent))
    assert [day["total"] for day in everyone["days"]] == [2]
    assert [day["total"] for day in narrowed["days"]] == [1]
