"""S2, issue 13: the unusual reads worked out ahead (`security.services.unusual_reads`, ADR 0027)
have the same outcome as the rules one by one (`security.anomalies`), and the access log and the
FG's dashboard make as many queries with few audit entries and dossiers as with many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from security import anomalies
from security.anomalies import Reason
from security.models import AuditEntry
from security.selectors import access_log
from tests.conftest import verified_client
from tests.security.access_log.test_s2_anomalies import LIMITS, limits  # noqa: F401 (fixture)
from tests.security.access_log.world import at, on, read, worked_out

pytestmark = pytest.mark.django_db


def _python_outcome(entries) -> dict[int, list[str]]:
    """ "Far more than usual" applied one read at a time, as before issue 13 (the pure rule)."""
    reads = [
        anomalies.Read(e.pk, e.actor_id, e.timestamp, e.file_label, e.dossier_key)
        for e in entries.filter(action=AuditEntry.Action.ACCESS)
    ]
    facts = anomalies.Facts(thresholds=LIMITS)
    for (actor_id, day), dossiers in _daily(reads).items():
        facts.dossiers_per_day[(actor_id, day)] = dossiers
    return {
        one.id: found
        for one in reads
        if (found := [r.value for r, rule in anomalies.RULES[:1] if rule(one, facts)])
    }


def _daily(reads) -> dict:
    seen: dict = {}
    for one in reads:
        if one.dossier is not None:
            seen.setdefault((one.actor_id, one.day), set()).add(one.dossier)
    return {key: len(dossiers) for key, dossiers in seen.items()}


def test_s2_a_reader_over_the_threshold_stands_out_and_one_under_it_not(world, limits):  # noqa: F811
    """Both sides of "far more than usual" in the database: the agent reads three dossiers on
    the 5th after one a day (over: 3 >= minimum and > twice the average), the officer reads two
    on the 5th (under the minimum of three)."""
    a, b, c = world.case(), world.case(), world.case()
    officer = world.ico.officier
    for day in (2, 3, 4):
        read(world.agent, a, at(2031, 3, day))
        read(officer, a, at(2031, 3, day))
    over = [read(world.agent, case, at(2031, 3, 5, 10, n)) for n, case in enumerate((a, b, c))]
    under = [read(officer, case, at(2031, 3, 5, 10, n)) for n, case in enumerate((a, b))]
    worked_out(at(2031, 3, 5, 11))
    with on(at(2031, 3, 6)):
        entries = access_log.visible_entries(world.fg).filter(
            timestamp__gte=at(2031, 3, 1), timestamp__lt=at(2031, 3, 6)
        )
        flagged = access_log.anomalies_of(entries)
        assert access_log.recent_anomaly_count(world.fg, days=7) == 3
    assert flagged == {entry.pk: [Reason.MANY_READS] for entry in over}
    assert not {entry.pk for entry in under} & set(flagged)
    # the same outcome as the rule applied read by read
    assert flagged == _python_outcome(entries)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_s2_the_log_and_the_fg_dashboard_cost_the_same_with_many_entries(world, limits):  # noqa: F811
    """Issue 13: more audit entries, more readers' days and more dossiers read (some archived,
    some outside the reader's files, some at night) do not add a query to the access log, its
    "only unusual" search or the FG's dashboard. (The files of the dossiers read stay the same:
    the registry reads each file's row once per request.)"""
    # one of each from the start: a read at night, and a dossier of the other Veiligheidshuis's
    # casusoverleg (each file's row is read once, `registry.states`)
    read(world.agent, world.case(), at(2031, 3, 5, 23))
    read(world.agent, world.other_case(), at(2031, 3, 5, 9))
    pages = [
        reverse("security:access-log") + "?date_from=2031-03-01",
        reverse("security:access-log") + "?date_from=2031-03-01&unusual=on",
        reverse("dashboard"),
    ]
    with on(at(2031, 3, 10)):
        worked_out()
        client = verified_client(world.fg)
        for url in pages:
            client.get(url)  # the session's first request, caches warmed
        few = [_queries(client, url) for url in pages]
    cases = [world.case() for _ in range(6)] + [world.other_case() for _ in range(2)]
    with on(at(2031, 3, 6, 9)):
        from subjects import registry
        from tests.security.access_log.world import ref_of

        registry.get("ico").archive(ref_of(cases[0]), by=world.uitvoerder)
    for day in range(1, 10):
        for n, case in enumerate(cases):
            read(world.agent, case, at(2031, 3, day, 9 + n % 3, n))
            read(world.other.agent, case, at(2031, 3, day, 23, n))
    with on(at(2031, 3, 10)):
        worked_out()
        many = [_queries(client, url) for url in pages]
        html = client.get(pages[1]).content.decode()
    assert many == few
    assert 'data-unusual="true"' in html


def test_s2_the_summary_counts_each_unusual_read_once_per_day(world, limits):  # noqa: F811
    """A read that stands out for two reasons counts once in the day's total, and once under
    each reason."""
    a = world.case()
    both = read(world.other.agent, a, at(2031, 3, 5, 23, 30))  # outside and at night
    worked_out(at(2031, 3, 5, 23, 31))
    with on(at(2031, 3, 6)):
        summary = access_log.anomaly_summary(
            world.fg, access_log.Filters(date_from=at(2031, 3, 1).date())
        )
        flagged = access_log.anomalies_of(AuditEntry.objects.filter(pk=both.pk))
    assert flagged == {both.pk: [Reason.OUTSIDE, Reason.NIGHT]}
    (day,) = summary["days"]
    assert day["day"] == date(2031, 3, 5)
    assert day["total"] == 1
    assert day["reasons"] == {Reason.OUTSIDE: 1, Reason.NIGHT: 1}
