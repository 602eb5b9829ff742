"""U1, W2, W3, issue 13: the dashboard's panels of the dossiers waiting for an analysis or a
decision show each dossier's number and the day it entered the file or its coming meeting, and
read no more of it: those columns come from the open dossiers' index alone
(`assessment_open`), not from each of the 30,000 open rows at national scale, and no personal
data of the person is read for a panel at all. Who sees which panel and which dossiers:
`tests/parties/test_work_queue.py`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
