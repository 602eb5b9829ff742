"""Issue 13, "Past one machine": a database router sends the reads of management information
and of the reviews to a streaming replica when `DATABASE_REPLICA_URL` configures one, and
everything else (writes, reads in a transaction, every other page) to the primary; with no
replica it decides nothing (config/routers.py). The replica here is the test database itself,
reached by a connection of its own, as Django's `TEST: {"MIRROR": "default"}` makes it."""

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from config.routers import REPLICA, ReplicaRouter, reads_from_replica, replica_reads
from parties.constants import Function
from parties.models import Party
from tests.conftest import verified_client
from tests.factories import make_user
from tests.weegploeg.factories import Weegploeg, signal
from weegploeg.models import Assessment


@pytest.fixture(scope="module", autouse=True)
def replica():
    """A `replica` alias for the test's own database, made before any test of this module
    starts (a database test must name it among its databases)."""
    default = connections["default"].settings_dict
    connections.settings[REPLICA] = {**default, "TEST": {**default["TEST"], "MIRROR": "default"}}
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def no_replica(replica):
    settings = connections.settings.pop(REPLICA)
    yield
    connections.settings[REPLICA] = settings


def test_issue13_without_a_replica_the_router_decides_nothing(no_replica):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Assessment) is None
        assert Assessment.objects.all().db == "default"
    assert router.db_for_write(Assessment) is None
    assert router.allow_migrate("default", "weegploeg") is None


@pytest.mark.django_db
def test_issue13_with_a_replica_only_the_marked_reads_outside_a_transaction_go_there(replica):
    router = ReplicaRouter()
    assert Assessment.objects.all().db == "default"
    with replica_reads():
        assert Assessment.objects.all().db == REPLICA
        assert router.db_for_write(Assessment) == "default"
        assert Assessment.objects.select_for_update().db == "default"
        with transaction.atomic():  # a service reads what it writes, on the primary
            assert Assessment.objects.all().db == "default"
    assert router.allow_migrate(REPLICA, "weegploeg") is False
    assert router.allow_migrate("default", "weegploeg") is None


def test_issue13_only_get_and_head_of_a_marked_view_read_from_the_replica(replica):
    seen = []

    @reads_from_replica
    def view(request):
        seen.append(Party.objects.all().db)
        return HttpResponse()

    for method in ("get", "head", "post"):
        view(getattr(RequestFactory(), method)("/"))
    assert seen == [REPLICA, REPLICA, "default"]


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_issue13_management_information_and_reviews_read_from_the_replica_dossiers_not(
    replica, region
):
    wp = Weegploeg(region)
    number = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment.number
    fg = make_user(wp.haarlem, Function.FG, username="fg-replica")
    pages = {
        wp.uitvoerder: ["/stuurinformatie/", "/stuurinformatie/verwerkingsregister/"],
        fg: ["/toezicht/toegangslog/", "/toezicht/toegangslog/beoordelingen/"],
    }
    for user, paths in pages.items():
        client = verified_client(user)
        for path in paths:
            with CaptureQueriesContext(replica) as on_replica:
                assert client.get(path).status_code == 200, path
            assert on_replica.captured_queries, path
    client = verified_client(wp.uitvoerder)
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(f"/weegploeg/dossiers/{number}/").status_code == 200
        assert client.get("/").status_code == 200
    assert not on_replica.captured_queries
