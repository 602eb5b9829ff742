"""Counting the queries of one request, for the tests that hold a page's or an endpoint's
queries the same however many rows it shows (issue 13)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """The queries of one GET of `url`, which must answer 200: of a warm request, as the query
    budget counts (`tests/config/test_query_budget.py`). The first request of a process, or of
    a set of groups, also fills caches: the content types, whether the groups hold few
    permission rows (`subjects.permissions._holds_few`)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
