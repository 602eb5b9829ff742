"""Counting the queries of one request, and the model instances it builds, for the tests that
hold a page's or an endpoint's queries the same however many rows it shows (issue 13)."""

from contextlib import contextmanager

from django.db import connection
from django.db.models.signals import post_init
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


@contextmanager
def instances_built(model):
    """The instances of `model` built inside the block (its `post_init` signal), in a list: for
    the tests that hold a page to reading rows, not a model instance per row (issue 13)."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(count, sender=model)
    try:
        yield built
    finally:
        post_init.disconnect(count, sender=model)
