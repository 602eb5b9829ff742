# ruff: noqa: F811 - the fixture `world` is imported by name, with `world_built` behind it
"""P8, issue 13, ADR 0039: a sync of many dossiers inside `subjects.sight.refreshing_once()`
works out who sees their meetings once, at the block's end, and ends where a refresh per
dossier would: the seed syncs thousands of cases this way (`scale.permissions`), where a
refresh per case took most of the seed's time."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import sight
from cases.models import CaseMeetingSight, CaseParticipant, Discussion
from cases.permissions import sync_case_permissions
from subjects.sight import refreshing_once
from tests.cases.test_issue13_meeting_list import (
    _plain,
    _seen,
    _sight_is_current,
    world,  # noqa: F401
    world_built,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def _sight_deletes(queries) -> int:
    table = connection.ops.quote_name(CaseMeetingSight._meta.db_table)
    return sum(1 for query in queries if query["sql"].startswith(f"DELETE FROM {table}"))


def _police_leaves_quietly(ov) -> list:
    """The politie stops taking part in its cases without the service, so only a sync tells
    the permission rows and the sight."""
    cases = list(
        Discussion.objects.filter(case__participants__party=ov.politie)
        .values_list("case", flat=True)
        .distinct()
    )
    CaseParticipant.objects.filter(case__in=cases, party=ov.politie).update(until=timezone.now())
    return [Discussion.objects.filter(case=pk).first().case for pk in cases]


def test_p8_issue13_syncs_in_one_block_refresh_the_sight_once_at_its_end(world):
    ov = world
    cases = _police_leaves_quietly(ov)
    assert len(cases) == 2 and len(_seen(ov.agent)) == 3
    with CaptureQueriesContext(connection) as inside, refreshing_once():
        with refreshing_once():  # a nested block joins the open one
            for case in cases:
                sync_case_permissions(case)
            sight.refresh(ov.meetings[:2])  # a meeting's agenda changed: noted too
        assert _sight_deletes(inside.captured_queries) == 0
        assert len(_seen(ov.agent)) == 3  # not yet: the block has not ended
    assert _sight_deletes(inside.captured_queries) == 1
    assert _seen(ov.agent) == _plain(ov.agent) == set()
    assert _sight_is_current()


def test_p8_issue13_without_the_block_each_sync_refreshes_at_once(world):
    ov = world
    cases = _police_leaves_quietly(ov)
    with CaptureQueriesContext(connection) as queries:
        for case in cases:
            sync_case_permissions(case)
    assert _sight_deletes(queries.captured_queries) == 2
    assert _seen(ov.agent) == _plain(ov.agent) == set()


def test_p8_issue13_a_block_left_by_an_exception_refreshes_nothing(world):
    ov = world
    cases = _police_leaves_quietly(ov)
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
        refreshing_once(),
    ):
        sync_case_permissions(cases[0])
        raise ZeroDivisionError
    assert _sight_deletes(queries.captured_queries) == 0
    assert len(_seen(ov.agent)) == 3  # the sync's rows were rolled back with it
    assert _sight_is_current()
