"""U6, issue 13: the dossiers archived on time and late are counted by the files in the database
(`ARCHIVED_DOSSIERS` in `figures()`), with the same outcome as retention's rule applied to every
dossier's state, and management information makes as many queries with few dossiers as with
many."""

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insights import live, summary
from insights.figures import Selection
from retention.services import statistics
from subjects import registry
from tests.conftest import verified_client
from tests.factories import data_file
from tests.insights.fixtures import at
from tests.weegploeg.factories import signal

pytestmark = pytest.mark.django_db

NOVEMBER, JUNE = date(2026, 11, 1), date(2029, 6, 1)


def _selection(world) -> Selection:
    return Selection(
        data_files=(data_file(world.ag.region), data_file(world.ag.overleg)),
        regions=(world.ag.region,),
        first=NOVEMBER,
        last=JUNE,
    )


def _every_state(ids) -> Counter:
    """The archive figures as before issue 13: every dossier's state, one by one."""
    found: Counter = Counter()
    for file in registry.files():
        states = [state for state in file.list_dossiers() if state.data_file_id in ids]
        for figure in statistics.archived_figures(states):
            found[(figure.figure, figure.reason, figure.month)] += figure.count
    return found


def test_u6_archived_on_time_and_late_counted_by_the_files_as_by_every_state(world):
    weegploeg = registry.get("weegploeg")
    with at("2026-11-28"):
        weegploeg.archive(world.refs[5], by=world.keeper)  # early: on time
    with at("2029-06-03"):
        weegploeg.archive(world.refs[4], by=world.keeper)  # years after its term: late
        weegploeg.archive(world.refs[3], by=world.keeper)
    selection = _selection(world)
    found = live.counts(selection)
    archived = {key: n for key, n in found.items() if key[0] == statistics.ARCHIVED}
    assert archived == dict(_every_state({f.pk for f in selection.data_files}))
    assert archived[(statistics.ARCHIVED, "on_time", NOVEMBER)] == 1
    assert archived[(statistics.ARCHIVED, "late", JUNE)] == 2


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_u6_management_information_costs_the_same_with_more_dossiers(world):
    """Issue 13: more dossiers, archived ones among them, add no query to the page."""
    url, params = reverse("insights:figures"), {"first": "2026-11", "last": "2029-06"}
    weegploeg = registry.get("weegploeg")
    with at("2026-11-28"):
        weegploeg.archive(world.refs[5], by=world.keeper)
    with at("2029-06-10"):
        summary.recompute()
        client = verified_client(world.keeper)
        client.get(url, params)
        few = _queries(client, url, params)
    with at("2026-11-06"):
        more = [
            signal(
                by=world.ag.wp.agent,
                brought_by=world.ag.wp.politie,
                region=world.ag.region,
                person={"surname": f"Meer{n}"},
            ).assessment
            for n in range(4)
        ]
    with at("2029-06-03"):
        for assessment in more[:3]:
            weegploeg.archive(registry.DossierRef("weegploeg", assessment.number), by=world.keeper)
        weegploeg.archive(world.refs[4], by=world.keeper)
    with at("2029-06-10"):
        summary.recompute()
        many = _queries(client, url, params)
    assert many == few
