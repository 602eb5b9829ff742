"""Issue 13: the access log page reads what it shows in fewer queries and shows the same: the
reasons of the unusual reads on the page come with its entries (`access_log.ENTRY_RELATED`),
and the filters' users, parties and files are lists read once per request
(`access_log.filter_choices`), which the form offers and checks a choice against and the recent
searches take their names from."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.models import DataFile, Party, User
from security.anomalies import Reason
from security.models import LogSearch
from security.selectors import access_log, unusual_reads
from security.selectors.access_log import Filters
from tests.conftest import verified_client
from tests.factories import data_file
from tests.security.access_log.world import at, on, read, worked_out

pytestmark = pytest.mark.django_db

LOG = reverse("security:access-log")


def test_issue13_the_reasons_on_the_page_are_those_worked_out_for_its_entries(world, settings):
    settings.ANOMALY_NIGHT_START, settings.ANOMALY_NIGHT_END = 22, 6
    night = read(world.agent, world.case(), at(2031, 4, 1, 23))
    day = read(world.agent, world.case(), at(2031, 4, 1, 11))
    worked_out(at(2031, 4, 1, 23, 30))
    with on(at(2031, 4, 2)):
        entries = list(access_log.search(world.fg, Filters())[:25])
        with CaptureQueriesContext(connection) as queries:
            found = access_log.anomalies_of(entries)
        assert len(queries) == 0  # read with the entries
        assert found == unusual_reads.flags_of([entry.pk for entry in entries])
        assert found == {night.pk: [Reason.NIGHT]}
        page = verified_client(world.fg).get(LOG, {"date_from": "2031-04-01"})
    shown = {entry.pk: entry.reasons for entry in page.context["entries"].object_list}
    assert shown[night.pk] == [dict(Reason.choices)[Reason.NIGHT]]
    assert shown[day.pk] == []


def test_issue13_the_filters_offer_and_accept_the_overseen_users_parties_and_files(world):
    officer_read = read(world.ico.officier, world.case(), at(2031, 3, 5))
    with on(at(2031, 3, 10)):
        client = verified_client(world.fg)
        page = client.get(LOG)
    form = page.context["form"]
    regions = [world.region]
    parties = Party.objects.filter(veiligheidshuizen__in=regions).distinct().order_by("name")
    users = (
        User.objects.filter(membership__party__in=parties)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    files = DataFile.objects.filter(veiligheidshuis__in=regions).order_by("name", "pk")
    offered = {
        name: [key for key, _label in form.fields[name].choices][1:]
        for name in ("user", "party", "data_file")
    }
    assert offered["user"] == [str(pk) for pk in users.values_list("pk", flat=True)]
    assert offered["party"] == [str(pk) for pk in parties.values_list("pk", flat=True)]
    assert offered["data_file"] == [str(pk) for pk in files.values_list("pk", flat=True)]
    assert offered["data_file"] and str(world.ico.om.pk) in offered["party"]
    labels = dict(form.fields["user"].choices)
    for user in users.select_related("membership__party"):
        name = user.get_full_name() or user.username
        assert labels[str(user.pk)] == f"{name} ({user.membership.party.name})"
    assert dict(form.fields["party"].choices)[str(world.ico.om.pk)] == world.ico.om.name
    with on(at(2031, 3, 10)):
        chosen = client.get(LOG, {"party": world.ico.om.pk, "date_from": "2031-03-01"})
        assert officer_read in chosen.context["entries"].object_list
        assert chosen.context["filters"].party == world.ico.om
        # what the filters do not offer is refused, as a choice that does not exist
        for name, value in (
            ("party", world.other.politie.pk),
            ("user", world.other.agent.pk),
            ("data_file", data_file(world.other.overleg).pk),
            ("party", "x"),
        ):
            refused = client.get(LOG, {name: value})
            assert refused.context["entries"] is None, name
            assert refused.context["form"].errors[name], name


def test_issue13_the_recent_searches_are_named_from_the_filters_and_beyond(world):
    """A colleague's search names a user, party and file by key: named from the choices, and
    one the viewer's filters do not offer (another Veiligheidshuis's) still named."""
    outside = world.other.agent
    LogSearch.objects.create(
        searched_by=world.uitvoerder,
        filters={"user": outside.pk, "party": world.ico.om.pk, "file": data_file(world.region).pk},
    )
    html = verified_client(world.fg).get(LOG).content.decode()
    assert outside.get_full_name() in html
    assert world.ico.om.name in html
    assert data_file(world.region).name in html
