"""U2, AVG 30: the register of processing activities as a list: by Veiligheidshuis, then kind
and name, unless a column is asked (each both ways); an unknown sort falls back; a result
count; the filters (Veiligheidshuis, kind of file) stay set until cleared."""

import pytest
from django.urls import reverse

from parties.constants import Function
from tests.conftest import verified_client
from tests.factories import data_file, make_user

pytestmark = pytest.mark.django_db

REGISTER = reverse("insights:register")


@pytest.fixture
def beheerder(world):
    """The beheerder sees every file: the weegploeg and ICO files of two Veiligheidshuizen."""
    data_file(world.ag.region), data_file(world.ag.overleg)
    data_file(world.elders.region), data_file(world.elders.overleg)
    return make_user(world.ag.wp.haarlem, Function.BEHEERDER, username="beheerder-register")


def listed(response) -> list[tuple[str, str, str]]:
    return [(f.veiligheidshuis.name, f.kind, f.name) for f in response.context["files"]]


def test_u2_avg30_the_register_states_its_order_and_counts(world, beheerder):
    response = verified_client(beheerder).get(REGISTER)
    rows = listed(response)
    assert len(rows) >= 4 and rows == sorted(rows)
    assert f"{len(rows)} resultaten" in response.text
    assert "op Veiligheidshuis, daarna soort en naam" in response.text
    assert len(response.context["entries"]) == len(rows)


@pytest.mark.parametrize("key", ["name", "region", "kind"])
def test_u2_avg30_each_column_sorts_both_ways(world, beheerder, key):
    client = verified_client(beheerder)
    ascending = [f.pk for f in client.get(REGISTER, {"sort": key}).context["files"]]
    descending = [f.pk for f in client.get(REGISTER, {"sort": f"-{key}"}).context["files"]]
    assert descending == ascending[::-1]
    names = [f.name for f in client.get(REGISTER, {"sort": "name"}).context["files"]]
    assert names == sorted(names)


def test_u2_avg30_an_unknown_sort_falls_back(world, beheerder):
    client = verified_client(beheerder)
    response = client.get(REGISTER, {"sort": "purpose"})
    assert response.status_code == 200
    assert listed(response) == listed(client.get(REGISTER, {"filters": "reset"}, follow=True))


def test_u2_avg30_the_filters_stay_set_until_cleared(world, beheerder):
    client = verified_client(beheerder)
    everything = len(listed(client.get(REGISTER)))
    weegploeg = client.get(REGISTER, {"kind": "weegploeg", "region": world.ag.region.pk})
    assert listed(weegploeg) == [
        (world.ag.region.name, "weegploeg", data_file(world.ag.region).name)
    ]
    assert "1 resultaat" in weegploeg.text and "Filters wissen" in weegploeg.text
    kept = client.get(REGISTER)
    assert kept.status_code == 302 and "kind=weegploeg" in kept.url
    assert len(listed(client.get(kept.url))) == 1
    # what is not a kind or a Veiligheidshuis the user sees is no filter
    assert len(listed(client.get(REGISTER, {"kind": "anders", "region": "0"}))) == everything
    client.get(REGISTER, {"filters": "reset"})
    assert len(listed(client.get(REGISTER))) == everything


def test_u2_avg30_the_fg_filters_within_the_regions_overseen_only(world, beheerder):
    client = verified_client(world.fg)
    response = client.get(REGISTER, {"region": world.elders.region.pk})
    names = {row[0] for row in listed(response)}
    assert names == {world.ag.region.name}  # another region's key is no filter
    assert 'name="region"' not in response.text  # one Veiligheidshuis: no choice to make
