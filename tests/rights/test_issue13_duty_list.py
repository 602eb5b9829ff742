"""P8, I1, issue 13: the list of duties to inform reads the duties of the user's files from the
index on the file (`rights.permissions.duties.visible_duties`, the files written in as read
with the user's rights) and offers the files of those duties without reading them all. Whoever
sees few duties among many gets exactly theirs, in the list's order, on the page and in the API;
the one rule per duty (`may_see_duty`) agrees."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.pages import COUNT_CAP, CappedPaginator
from rights.constants import DutyState
from rights.models import DutyToInform
from rights.permissions.duties import may_see_duty, visible_duties
from rights.views.duties import DutyListView
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, data_file
from tests.queries import count_queries
from tests.rights.duty_fixtures import DutyWorld, bare_duty

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

TODAY = date(2026, 12, 1)
LIST = "/rechten/informatieplichten/"
API = "/api/v1/informatieplichten"


@pytest.fixture
def world(region):
    """The politie's one duty among thirty of the OM in the same file, six of the politie in the
    file of another Veiligheidshuis, and some informed ones: the politie sees few among many."""
    world = DutyWorld(region)
    elsewhere = data_file(VeiligheidshuisFactory(code="elders", name="VH Elders"))
    for number in range(30):
        bare_duty(
            world.weegploeg_file,
            f"OM-{number}",
            day=TODAY,
            responsible_party=world.wp.om,
            due_on=TODAY + timedelta(days=number % 7),
            state=DutyState.INFORMED if number % 5 == 0 else DutyState.TO_INFORM,
        )
    for number in range(6):
        bare_duty(elsewhere, f"ELDERS-{number}", day=TODAY, responsible_party=world.wp.politie)
    for number in range(3):
        bare_duty(
            world.weegploeg_file,
            f"POL-{number}",
            day=TODAY,
            responsible_party=world.wp.politie,
            due_on=TODAY - timedelta(days=number),
            state=DutyState.INFORMED if number == 1 else DutyState.TO_INFORM,
        )
    return world


def _plainly_seen(user) -> list[int]:
    """Every duty checked against the rule per duty, in the list's default order: open ones
    first, then by the date due (no postponements here), then by number."""
    seen = [duty for duty in DutyToInform.objects.all() if may_see_duty(user, duty)]
    open_states = {DutyState.TO_INFORM, DutyState.POSTPONED}
    return [d.pk for d in sorted(seen, key=lambda d: (d.state not in open_states, d.due_on, d.pk))]


def test_p8_issue13_the_duty_list_shows_exactly_the_duties_each_user_sees(world):
    for user, count in ((world.agent, 4), (world.reader, 4), (world.keeper, 34)):
        expected = _plainly_seen(user)
        assert len(expected) == count, user.username
        assert set(visible_duties(user).values_list("pk", flat=True)) == set(expected)
        client = verified_client(user)
        response = client.get(LIST)
        assert response.status_code == 200
        assert [duty.pk for duty in response.context["duties"]] == expected[:25]
        assert response.context["result_count"] == count
        files = set(response.context["filter_form"].fields["file"].queryset)
        assert files == {DutyToInform.objects.get(pk=pk).data_file for pk in expected}
        api = client.get("/api/v1/informatieplichten?page_size=100").json()
        assert api["count"] == count
    # the OM's officier records in the file, but none of its duties is the OM's to see here
    # except those of its own party
    officier = _plainly_seen(world.officier)
    assert set(visible_duties(world.officier).values_list("pk", flat=True)) == set(officier)
    assert len(officier) == 30


def test_s2_issue13_the_api_list_logs_its_dossiers_in_the_same_queries_however_many(world):
    """A page of duties is a read of each of their dossiers (S2): one entry per dossier, written
    in one insert, not one per duty (50 queries for a page of the API at national scale)."""
    from security.models import AuditEntry

    client = verified_client(world.keeper)
    client.get(API)
    few = count_queries(client, API)
    for number in range(5):
        bare_duty(world.weegploeg_file, f"MORE-{number}", day=TODAY, responsible_party=world.wp.om)
    assert count_queries(client, API) == few
    AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).delete()
    shown = client.get(API).json()["results"]
    read = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=world.keeper)
    dossiers = {(duty["fileLabel"], duty["dossier"]) for duty in shown}
    assert sorted(read.values_list("file_label", "dossier_key")) == sorted(dossiers)


def test_u2_issue13_the_duty_list_reads_each_page_by_key_in_the_lists_order(world, monkeypatch):
    """The list sorts on the date due, which only whole rows hold: each page's keys are read
    first (from the index that holds the order's columns), then its rows by those keys
    (`config.pages.KeysFirstPaginator`). Every page, counted or capped, holds the duties the
    whole list holds there."""
    expected = _plainly_seen(world.keeper)
    client = verified_client(world.keeper)
    monkeypatch.setattr(DutyListView, "paginate_by", 4)
    for cap in (COUNT_CAP, 5):
        monkeypatch.setattr(CappedPaginator, "cap", cap)
        shown = []
        for page in range(1, 10):  # 34 duties, four a page
            shown += [duty.pk for duty in client.get(LIST, {"page": page}).context["duties"]]
        assert shown == expected, cap
    with CaptureQueriesContext(connection) as queries:
        client.get(LIST, {"page": 2})
    table = connection.ops.quote_name(DutyToInform._meta.db_table)
    rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f"SELECT {table}")]
    assert len(rows) == 1 and f'{table}."id" IN (SELECT' in rows[0]


def test_issue13_the_duty_api_reads_each_page_by_key_in_its_order(world, monkeypatch):
    """The API's list of duties (by the date due, then number) reads its pages the same way
    (`config.api_input.KeysFirstPagination`): every page, counted or capped, in order."""
    seen = DutyToInform.objects.filter(pk__in=_plainly_seen(world.keeper))
    expected = list(seen.order_by("due_on", "pk").values_list("pk", flat=True))
    client = verified_client(world.keeper)
    for cap in (COUNT_CAP, 5):
        monkeypatch.setattr(CappedPaginator, "cap", cap)
        shown, url = [], f"{API}?page_size=4"
        while url:
            answer = client.get(url).json()
            shown += [duty["id"] for duty in answer["results"]]
            url = answer["next"]
        assert shown == expected, cap
    with CaptureQueriesContext(connection) as queries:
        client.get(API, {"page": 2, "page_size": 4})
    table = connection.ops.quote_name(DutyToInform._meta.db_table)
    rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f"SELECT {table}")]
    assert len(rows) == 1 and f'{table}."id" IN (SELECT' in rows[0]
