"""The API's casusoverleggen list its parties as the relation holds them (C11), read for the
whole page in one query of the link table, without a party's row: a prefetch made an instance
of every party taking part and left them to Python's full collections (issue 13)."""

from datetime import date

import pytest

from cases.models import CasusOverleg
from parties.models import Party
from tests.conftest import verified_client
from tests.factories import PartyFactory
from tests.queries import count_queries, instances_built

pytestmark = pytest.mark.django_db

URL = "/api/v1/casusoverleggen"


def overleg_with(ico, name, parties):
    overleg = CasusOverleg.objects.create(
        name=name,
        veiligheidshuis=ico.region,
        covenant_title="Privacyconvenant",
        covenant_reference=f"REF-{name}",
        covenant_date=date(2020, 1, 1),
        controller="De kernpartijen gezamenlijk",
    )
    overleg.participants.set(parties)
    return overleg


def parties_built(client, url) -> int:
    """How many Party instances one request of `url` makes."""
    with instances_built(Party) as built:
        assert client.get(url).status_code == 200
    return len(built)


def test_c11_issue13_each_casusoverleg_lists_its_parties_by_name_in_the_list_and_its_page(ico):
    # Names in another order than the pks, to see the order of the relation kept.
    zulu = PartyFactory(name="Zorgpartner Zulu", veiligheidshuizen=[ico.region])
    alfa = PartyFactory(name="Alfa Jeugdzorg", veiligheidshuizen=[ico.region])
    overleg_with(ico, "Overleg twee", [zulu, alfa])
    overleg_with(ico, "Overleg zonder partijen", [])
    client = verified_client(ico.agent)

    found = {row["name"]: row["participants"] for row in client.get(URL).json()["results"]}

    expected = {
        overleg.name: [party.pk for party in overleg.participants.all()]
        for overleg in CasusOverleg.objects.all()
    }
    assert found == expected
    assert found["Overleg twee"] == [alfa.pk, zulu.pk]
    assert found["Overleg zonder partijen"] == []
    assert found[ico.overleg.name] == sorted(
        found[ico.overleg.name], key=lambda pk: Party.objects.get(pk=pk).name
    )
    page = client.get(f"{URL}/{ico.overleg.pk}").json()
    assert page["participants"] == expected[ico.overleg.name]


def test_issue13_the_list_builds_no_party_of_a_casusoverleg_and_reads_them_in_one_query(ico):
    client = verified_client(ico.agent)
    client.get(URL)
    queries, built = count_queries(client, URL), parties_built(client, URL)

    for number in range(3):
        parties = [
            PartyFactory(name=f"Partij {number}-{each}", veiligheidshuizen=[ico.region])
            for each in range(4)
        ]
        overleg_with(ico, f"Overleg {number}", parties)
    ico.overleg.participants.add(*PartyFactory.create_batch(4, veiligheidshuizen=[ico.region]))

    assert count_queries(client, URL) == queries
    assert parties_built(client, URL) == built
