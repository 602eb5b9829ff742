"""U1, W2, W3, issue 13: the dashboard's panels of the dossiers waiting for an analysis or a
decision show each dossier's number and the day it entered the file or its coming meeting, and
read no more of it: those columns come from the open dossiers' index alone
(`assessment_open`), not from each of the 30,000 open rows at national scale, and no personal
data of the person is read for a panel at all. Who sees which panel and which dossiers:
`tests/parties/test_work_queue.py`."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.config.test_list_indexes import index_definitions
from tests.weegploeg.factories import analyse, signal
from weegploeg import dashboard

pytestmark = pytest.mark.django_db

PERSONAL = ("surname", "given_names", "date_of_birth", "bsn", "street", "postcode")


def dossier(wp, surname):
    return signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": surname}
    ).assessment


@pytest.mark.parametrize(
    ("panel", "who"),
    [
        (dashboard.waiting_for_analysis, "uitvoerder"),
        (dashboard.waiting_for_decision, "uitvoerder"),
        (dashboard.waiting_for_decision, "agent"),
    ],
)
def test_issue13_u1_a_panel_reads_the_number_and_date_only_in_one_query(wp, panel, who):
    to_analyse, to_decide = dossier(wp, "Jansen"), dossier(wp, "Visser")
    analyse(to_decide, by=wp.uitvoerder)
    with CaptureQueriesContext(connection) as queries:
        content = panel(getattr(wp, who))
        shown = [item.dossier for item in content.items]
    expected = to_analyse if panel is dashboard.waiting_for_analysis else to_decide
    assert shown == [expected.number] and content.count == 1
    # outside a request the user's rights are read first; the panel's own query is one
    panel_queries = [q["sql"] for q in queries.captured_queries if "panel_total" in q["sql"]]
    assert len(panel_queries) == 1
    selected = panel_queries[0].split(" FROM ", 1)[0]
    assert '"weegploeg_assessment"."number"' in selected
    assert not [column for column in PERSONAL if f'"weegploeg_assessment"."{column}"' in selected]


def test_issue13_the_open_dossiers_index_holds_what_the_panels_show():
    found = index_definitions("weegploeg_assessment")["assessment_open"]
    assert "USING btree (id) INCLUDE (created_at, number)" in found


def test_issue13_w5_the_checks_panel_counts_its_queue_apart_in_one_query(wp):
    """The panel of checks due (W5) shows the first of the check queue and counts all of it, in
    one query whose count is a subquery of its own (`first_rows(counted_apart=True)`): the
    queue's first rows then come in order from `assessment_check_queue`, and only they are read
    whole, where a window over the whole queue read every due dossier whole first."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        due = [dossier(wp, surname) for surname in ("Jansen", "Visser", "De Boer")]
        traveller.shift(timedelta(days=91))
        with CaptureQueriesContext(connection) as queries:
            content = dashboard.checks_due(wp.uitvoerder)
    assert [item.dossier for item in content.items] == [row.number for row in due]
    assert content.count == 3
    panel_queries = [q["sql"] for q in queries.captured_queries if "panel_total" in q["sql"]]
    assert len(panel_queries) == 1
    # The window counts the keys in a subquery of its own, not over the queue's whole rows.
    assert '(SELECT COUNT(W0."id") OVER () AS "panel_total" FROM' in panel_queries[0]
    assert 'COUNT("weegploeg_assessment"."id") OVER ()' not in panel_queries[0]


def test_issue13_the_check_queue_index_gives_a_regions_queue_in_its_order():
    found = index_definitions("weegploeg_assessment")["assessment_check_queue"]
    assert (
        "(veiligheidshuis_id, last_checked_at NULLS FIRST, created_at, id) "
        "WHERE (archived_at IS NULL)"
    ) in found
