"""P8, issue 13: a list of dossiers starts from the user's permission rows when they are few
(`subjects.permissions.held`'s `from_rows=None`, `FEW_ROWS`), and from the list's own index
otherwise: the same rows in the same order either way. Whether the rows are few is counted once
per process and set of groups for `FEW_KEPT_SECONDS` (it chooses the plan, never the rows)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import selectors as case_selectors
from parties import rights
from subjects import permissions as subject_permissions
from tests.cases.test_meetings import Overleg
from tests.subjects.test_permission_filter_lists import wp  # noqa: F401 (the fixture)
from weegploeg import selectors
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db

ARRAY = "= ANY(ARRAY("


@pytest.fixture(autouse=True)
def _nothing_counted(monkeypatch):
    """Each test counts anew: nothing a test before it counted in this process."""
    monkeypatch.setattr(subject_permissions, "_few_counted", {})


@pytest.fixture(params=[True, False], ids=["few-rows", "many-rows"])
def few(request, monkeypatch):
    monkeypatch.setattr(subject_permissions, "FEW_ROWS", 10_000 if request.param else 0)
    return request.param


def as_a_page(selector, user):
    """`selector(user)`, built as a page of `user` builds it (its rights kept)."""
    with rights.request_scope():
        rights.adopt(user)
        return selector(user)


def newest_first(queryset) -> list[int]:
    return list(queryset.order_by("-last_processed_at", "pk").values_list("pk", flat=True))


def test_p8_issue13_the_assessments_are_the_same_read_from_the_rows_or_the_index(wp, few):  # noqa: F811
    expected = {
        wp.haarlemmer: Assessment.objects.filter(municipality_code="0392"),
        wp.agent: Assessment.objects.all(),
    }
    for user, plain in expected.items():
        visible = as_a_page(selectors.visible_assessments, user)
        assert (ARRAY in str(visible.query)) is few, user.username
        assert newest_first(visible) == newest_first(plain), user.username
    assert len(newest_first(as_a_page(selectors.visible_assessments, wp.haarlemmer))) == 2


def test_p8_issue13_the_cases_are_the_same_read_from_the_rows_or_the_index(region, few):
    ov = Overleg(region)
    theirs = [ov.open_case(surname=f"Persoon{n}") for n in range(3)]
    ov.open_case(surname="Zonder", participants=[ov.gemeente])
    keeper_sees = case_selectors.visible_cases(ov.keeper)
    police_sees = as_a_page(case_selectors.visible_cases, ov.agent)
    assert (ARRAY in str(police_sees.query)) is few
    assert sorted(police_sees.values_list("pk", flat=True)) == sorted(c.pk for c in theirs)
    assert newest_first(as_a_page(case_selectors.visible_cases, ov.keeper)) == newest_first(
        keeper_sees
    )


def _counts(user) -> int:
    """How many times building the user's list counts their permission rows."""
    with CaptureQueriesContext(connection) as queries:
        as_a_page(selectors.visible_assessments, user)
    return sum("LIMIT 2001" in query["sql"] for query in queries.captured_queries)


def test_issue13_few_rows_are_counted_once_per_process_and_groups_for_a_while(wp):  # noqa: F811
    assert _counts(wp.haarlemmer) == 1
    assert _counts(wp.haarlemmer) == 0  # another request of the same groups
    assert _counts(wp.agent) == 1  # other groups
    later = timezone.now() + timedelta(seconds=subject_permissions.FEW_KEPT_SECONDS + 1)
    with time_machine.travel(later):
        assert _counts(wp.haarlemmer) == 1


def test_p8_issue13_a_stale_count_picks_a_plan_not_the_rows(wp, monkeypatch):  # noqa: F811
    """A count kept from before the groups' rows changed makes the list start from the other
    side: the rows are still exactly those of the user's permission rows."""
    haarlem = newest_first(Assessment.objects.filter(municipality_code="0392"))
    for answer in (True, False):
        monkeypatch.setattr(subject_permissions, "_holds_few", lambda *args, a=answer: a)
        visible = as_a_page(selectors.visible_assessments, wp.haarlemmer)
        assert (ARRAY in str(visible.query)) is answer
        assert newest_first(visible) == haarlem
