"""P8, issue 13: the permission-filtered lists read in their own order.

A list of the weegploeg or the cases is read in its default order from the index of that order
(`assessment_list_order`, `case_list_order`), each row checked against the user's permission
rows until the page is full, or from the user's permission rows when they are few. Whichever
plan PostgreSQL picks, a user who sees few dossiers among many gets exactly theirs, in the list
page, its count and the API; and the index serves the order the list asks for (a change to the
order keys of the view that the index does not follow would put a sort back on every page)."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from cases.views.cases import CaseListView
from tests.conftest import verified_client
from tests.weegploeg.factories import Weegploeg, signal
from weegploeg import selectors
from weegploeg.models import Assessment
from weegploeg.views.assessments import ASSESSMENT_SORTS, AssessmentListView, with_order_keys

pytestmark = pytest.mark.django_db

MANY = 30
ZANDVOORT = {"municipality": "Zandvoort", "municipality_code": "0473"}


@pytest.fixture
def wp(region):
    """A region with many dossiers of Zandvoort and two of Haarlem: the Haarlem gemeente sees
    few among many."""
    wp = Weegploeg(region)
    for n in range(MANY):
        signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=region,
            person={**ZANDVOORT, "surname": f"Zand{n:02d}"},
        )
    for surname in ("Haarlem-een", "Haarlem-twee"):
        signal(by=wp.agent, brought_by=wp.politie, region=region, person={"surname": surname})
    return wp


def _listed_numbers(html: str) -> set[str]:
    return set(re.findall(r"W-\d{4}-\d+", html))


def test_p8_issue13_a_user_who_sees_few_among_many_gets_exactly_their_rows(wp):
    """The gemeente's list page, its count and the API list: its two dossiers, none of the
    thirty others; the politie of the region sees all of them."""
    haarlem = set(
        Assessment.objects.filter(municipality_code="0392").values_list("number", flat=True)
    )
    assert len(haarlem) == 2 and Assessment.objects.count() == MANY + 2
    client = verified_client(wp.haarlemmer)
    response = client.get(reverse("weegploeg:assessment-list"))
    assert response.status_code == 200
    assert _listed_numbers(response.content.decode()) == haarlem
    assert response.context["result_count"] == 2
    api = client.get("/api/v1/wegingen").json()
    assert api["count"] == 2
    assert {row["number"] for row in api["results"]} == haarlem
    for sort in ("status", "-status", "processed", "-processed", "number"):
        page = client.get(reverse("weegploeg:assessment-list"), {"sort": sort})
        assert _listed_numbers(page.content.decode()) == haarlem, sort
    everyone = verified_client(wp.agent).get("/api/v1/wegingen?page_size=100").json()
    assert everyone["count"] == MANY + 2


def test_p8_issue13_the_first_page_of_the_many_is_the_first_in_the_lists_order(wp):
    """The politie's first page read from the order's index is the first 25 of every visible
    dossier sorted in Python by the same keys: no dossier skipped, none from elsewhere."""
    rows = with_order_keys(selectors.visible_assessments(wp.agent)).filter(archived_at__isnull=True)
    page = list(rows.order_by(*ASSESSMENT_SORTS["status"], "pk")[:25])
    everything = sorted(rows, key=lambda a: (a.status_rank, a.check_from, a.pk))
    assert [a.pk for a in page] == [a.pk for a in everything[:25]]
    assert len(everything) == MANY + 2


def _plan(sql: str, params) -> str:
    """The plan PostgreSQL makes for `sql` when a sort or a whole-table scan is made to cost
    more than any index: it reads the list's index in order where that index serves it."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def _list_query(view_class, user) -> tuple[str, tuple]:
    """The SQL of the first page of a list view as it reads it, default order and filters."""
    view = view_class()
    view.request = RequestFactory().get("/")
    view.request.user = user
    view.request.session = {}
    view.kwargs = {}
    return view.get_queryset()[:26].query.sql_with_params()


@pytest.mark.parametrize(
    ("view_class", "index"),
    [(AssessmentListView, "assessment_list_order"), (CaseListView, "case_list_order")],
)
def test_issue13_a_list_is_read_in_the_order_of_its_index(wp, view_class, index):
    """The default order of the weegploeg list (open before decided, then the check due) and of
    the case list (open first, then the next deadline) is the order of the list's index over
    the rows the list shows: no sort in the plan."""
    plan = _plan(*_list_query(view_class, wp.agent))
    assert index in plan
    assert "Sort" not in plan
