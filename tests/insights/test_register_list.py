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


def test_issue13_a_page_of_the_register_shows_each_file_as_its_own_rules_give_it(world, beheerder):
    """The page reads the settings, terms and controllers of its files at once
    (`register.entries_of`): each entry is what the file's own rules give, file by file."""
    from parties.constants import PartyRole
    from parties.models import Party
    from retention.models import RetentionTerms
    from retention.terms import describe, terms_for
    from rights.services.file_settings import default_settings, settings_for

    ico, elders = data_file(world.ag.overleg), data_file(world.elders.region)
    own = default_settings(ico)
    own.purpose, own.updated_by = "Een eigen doel van dit casusoverleg.", beheerder
    own.save()
    RetentionTerms.objects.create(data_file=elders, archive_after_months=7, destroy_after_months=9)
    response = verified_client(beheerder).get(REGISTER)
    entries = response.context["entries"]
    assert {entry.data_file.pk for entry in entries} >= {ico.pk, elders.pk}
    for entry in entries:
        data_file_ = entry.data_file
        settings = settings_for(data_file_)
        region = data_file_.veiligheidshuis
        assert entry.purpose == settings.purpose
        assert entry.answered_by == settings.sender
        assert entry.terms == describe(terms_for(data_file_))
        assert entry.controllers == list(
            Party.objects.filter(veiligheidshuizen=region, role=PartyRole.KERNPARTIJ)
            .order_by("name")
            .values_list("name", flat=True)
        )
        assert entry.recipients == sorted(g.party.name for g in data_file_.party_groups.all())
        assert entry.region == region.name
    shown = {entry.data_file.pk: entry for entry in entries}
    assert shown[ico.pk].purpose == "Een eigen doel van dit casusoverleg."
    assert "7" in shown[elders.pk].terms and "9" in shown[elders.pk].terms
    assert shown[ico.pk].controllers and shown[elders.pk].controllers
