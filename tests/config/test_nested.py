"""Issue 13, ADR 0032: the API's detail of an assessment and of a case reads some of its rows in
the dossier's own query (`config.nested`) and shows exactly what prefetching them one query
each showed: the same rows, in the same order, with the same values and the same restriction
marks (R6), for the keeper of the file and for a party that reads it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from config import nested
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.conftest import verified_client
from tests.weegploeg.factories import Weegploeg, full_dossier
from weegploeg import models as weegploeg_models

pytestmark = pytest.mark.django_db


def restrict(ref, row, by):
    registry.get(ref.file_label).restrict(
        ref, registry.item_ref(row), reason="Bezwaar in behandeling.", by=by
    )


def both_ways(client, url, monkeypatch) -> tuple[dict, int, dict, int]:
    """The detail read with its rows in one query, then prefetched (as on SQLite)."""
    client.get(url)  # warms the caches of a first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    one, one_count = response.json(), len(queries)
    with monkeypatch.context() as patched:
        patched.setattr(nested, "_in_one_query", lambda queryset: False)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return one, one_count, response.json(), len(queries)


def test_issue13_the_assessment_api_shows_the_rows_read_with_it_as_prefetched(region, monkeypatch):
    wp = Weegploeg(region)
    rows = full_dossier(wp)
    assessment = rows[weegploeg_models.Assessment]
    ref = DossierRef("weegploeg", assessment.number)
    restrict(ref, rows[weegploeg_models.ExpertAdvice], wp.uitvoerder)
    url = f"/api/v1/wegingen/{assessment.number}"
    for reader in (wp.uitvoerder, wp.agent):
        one, one_count, prefetched, prefetched_count = both_ways(
            verified_client(reader), url, monkeypatch
        )
        assert one == prefetched
        assert one_count == prefetched_count - 4  # signals, information, advice, checks
    keeper = both_ways(verified_client(wp.uitvoerder), url, monkeypatch)[0]
    assert [row["restricted"] for row in keeper["expertAdvice"]] == [True]
    assert [row["restricted"] for row in keeper["signals"]] == [False]
    assert len(keeper["additionalInformation"]) == len(keeper["checks"]) == 1
    reader = both_ways(verified_client(wp.agent), url, monkeypatch)[0]
    assert reader["expertAdvice"] == []
    assert [row["id"] for row in reader["signals"]] == [rows[weegploeg_models.Signal].pk]


def test_issue13_the_case_api_shows_the_rows_read_with_it_as_prefetched(region, monkeypatch):
    ag = Agendering(region)
    case = full_case(ag)[Case]
    restrict(DossierRef("ico", case.number), case.related_people.get(), ag.keeper)
    url = f"/api/v1/casussen/{case.number}"
    for reader in (ag.keeper, ag.wp.agent):
        one, one_count, prefetched, prefetched_count = both_ways(
            verified_client(reader), url, monkeypatch
        )
        assert one == prefetched
        assert one_count == prefetched_count - 3  # participants, goals, closings
        assert len(one["participants"]) == case.participants.count() > 1
        assert [row["id"] for row in one["closings"]] == list(
            case.closings.values_list("pk", flat=True)
        )
        assert one["goals"] == list(case.goals.values_list("goal", flat=True))
