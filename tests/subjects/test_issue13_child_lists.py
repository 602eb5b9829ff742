"""P8, issue 13: the API's lists of a dossier's child rows are read in their order from the
index of that order (signals: `signal_list_order`, measures: `measure_list_order`; analyses
and decisions, newest first: `analysis_list_order` and `decision_list_order` read backwards),
each row checked against the user's permission rows, or from the permission rows when the user
holds few (`subjects.permissions.held`'s `from_rows=None`, `FEW_ROWS`). Either way a user who
sees few among many gets exactly theirs, in the list's order; the one who sees all gets all."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from cases import selectors as case_selectors
from cases import services as case_services
from cases.api.measures import MeasureViewSet
from cases.models import Measure
from subjects import permissions as subject_permissions
from tests.cases.test_meetings import Overleg
from tests.conftest import verified_client
from tests.subjects.test_permission_filter_lists import wp  # noqa: F401 (the fixture)
from weegploeg import selectors
from weegploeg.api.decisions import AnalysisViewSet, DecisionViewSet
from weegploeg.api.signals import SignalViewSet
from weegploeg.models import Analysis, Signal

pytestmark = pytest.mark.django_db


def _api(user, path) -> list[int]:
    rows = verified_client(user).get(f"{path}?page_size=100").json()
    assert rows["count"] == len(rows["results"])
    return [row["id"] for row in rows["results"]]


@pytest.fixture(params=[True, False], ids=["few-rows", "many-rows"])
def few(request, monkeypatch):
    """Both plans: from the permission rows (every user holds "few"), and the list's order."""
    monkeypatch.setattr(subject_permissions, "FEW_ROWS", 10_000 if request.param else 0)
    return request.param


def test_p8_issue13_the_signals_list_shows_exactly_the_signals_each_user_sees(wp, few):  # noqa: F811
    for user in (wp.haarlemmer, wp.agent, wp.uitvoerder):
        seen = set(selectors.visible_assessments(user).values_list("pk", flat=True))
        plain = Signal.objects.filter(assessment__in=seen).order_by("observed_on", "pk")
        expected = [signal.pk for signal in plain]
        assert _api(user, "/api/v1/signalen") == expected, user.username
    assert len(_api(wp.haarlemmer, "/api/v1/signalen")) == 2
    assert len(_api(wp.agent, "/api/v1/signalen")) == Signal.objects.count()


@pytest.fixture
def plans(region):
    """Measures in twelve cases; the politie takes part in two of them."""
    ov = Overleg(region)
    today = timezone.localdate()
    for n in range(12):
        participants = [ov.politie, ov.gemeente] if n in (3, 8) else [ov.gemeente]
        case = ov.open_case(participants=participants)
        for m in range(2):
            case_services.add_measure(
                case,
                by=ov.keeper,
                description=f"Maatregel {n}-{m}",
                owner=ov.gemeente,
                deadline=today + timedelta(days=(n * 5 + m * 17) % 23),
            )
    return ov


def test_p8_issue13_the_measures_list_shows_exactly_the_measures_each_user_sees(plans, few):
    ov = plans
    for user, count in ((ov.agent, 4), (ov.keeper, 24), (ov.reclasseerder, 0)):
        seen = set(case_selectors.visible_cases(user).values_list("pk", flat=True))
        plain = Measure.objects.filter(case__in=seen).order_by("deadline", "pk")
        expected = [measure.pk for measure in plain]
        assert len(expected) == count, user.username
        assert _api(user, "/api/v1/maatregelen") == expected, user.username


def _plan(viewset_class, user) -> str:
    """The plan of the list's first page as the API reads it, with sorting and whole-table
    scans made to cost more than any index (as `test_permission_filter_lists`)."""
    view = viewset_class()
    view.request = RequestFactory().get("/")
    view.request.user = user
    view.request.query_params = {}
    view.format_kwarg = None
    view.action = "list"
    view.kwargs = {}
    sql, params = view.get_queryset()[:26].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def test_issue13_the_api_list_of_signals_reads_in_the_order_of_its_index(wp, monkeypatch):  # noqa: F811
    """For a user who sees many: no sort in the plan, the order's index read instead."""
    monkeypatch.setattr(subject_permissions, "FEW_ROWS", 0)
    plan = _plan(SignalViewSet, wp.agent)
    assert "signal_list_order" in plan and not re.search(r"\bSort\b", plan)


def test_issue13_the_api_list_of_measures_reads_in_the_order_of_its_index(plans, monkeypatch):
    monkeypatch.setattr(subject_permissions, "FEW_ROWS", 0)
    plan = _plan(MeasureViewSet, plans.keeper)
    assert "measure_list_order" in plan and not re.search(r"\bSort\b", plan)


@pytest.mark.parametrize(
    ("viewset_class", "index"),
    [(AnalysisViewSet, "analysis_list_order"), (DecisionViewSet, "decision_list_order")],
)
def test_issue13_the_api_lists_of_analyses_and_decisions_read_in_the_order_of_their_index(
    wp,  # noqa: F811
    monkeypatch,
    viewset_class,
    index,
):
    monkeypatch.setattr(subject_permissions, "FEW_ROWS", 0)
    plan = _plan(viewset_class, wp.agent)
    assert index in plan and not re.search(r"\bSort\b", plan)


def test_p8_issue13_the_analyses_list_shows_exactly_the_analyses_each_user_sees(wp, few):  # noqa: F811
    from tests.weegploeg.factories import analyse
    from weegploeg.models import Assessment

    for assessment in Assessment.objects.order_by("pk")[::4]:
        analyse(assessment, by=wp.uitvoerder)
    for assessment in Assessment.objects.filter(municipality_code="0392"):
        analyse(assessment, by=wp.uitvoerder)
    for user in (wp.haarlemmer, wp.agent, wp.uitvoerder):
        seen = set(selectors.visible_assessments(user).values_list("pk", flat=True))
        plain = Analysis.objects.filter(assessment__in=seen).order_by("-recorded_at", "-pk")
        assert _api(user, "/api/v1/analyses") == [row.pk for row in plain], user.username
    assert len(_api(wp.haarlemmer, "/api/v1/analyses")) >= 2
