"""P3, S1, U5: optimistic concurrency on a party. Two beheerders change the same party: the
later save, made on what was read before the earlier one, is refused with a clear message and
what was typed kept; a fresh one is accepted; the API's ETag of the party moves on."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from parties import services
from parties.models import AuthorisationChange, Party
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

STALE_MESSAGE = "Iemand anders heeft dit intussen gewijzigd"


def party_data(party, **changes):
    return {
        "name": party.name,
        "kind": party.kind,
        "role": party.role,
        "veiligheidshuizen": [region.pk for region in party.veiligheidshuizen.all()],
        "municipality_code": party.municipality_code,
        "joined_on": party.joined_on.isoformat(),
        "reason": "Naam gewijzigd",
        **changes,
    }


def rename(party, name, *, by, expected_version):
    services.update_party(
        party, by=by, reason="Fusie", name=name, expected_version=expected_version
    )


def test_p3_s1_a_stale_party_edit_is_refused_in_the_page_and_keeps_the_input(beheerder, politie):
    client = verified_client(beheerder)
    url = reverse("parties:party-update", kwargs={"pk": politie.pk})
    assert 'name="version" value="1"' in client.get(url).content.decode()
    # Another beheerder renames the party after the form was opened.
    rename(
        Party.objects.get(pk=politie.pk), "Politie Eenheid Noord", by=beheerder, expected_version=1
    )
    changes = AuthorisationChange.objects.count()

    response = client.post(url, party_data(politie, name="Politie Kennemerland", version=1))
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_MESSAGE in page
    assert re.search(r'<input[^>]*name="name"[^>]*value="Politie Kennemerland"', page)
    assert Party.objects.get(pk=politie.pk).name == "Politie Eenheid Noord"
    assert AuthorisationChange.objects.count() == changes
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert 'name="version" value="2"' in page
    again = client.post(url, party_data(politie, name="Politie Kennemerland", version=2))
    assert again.status_code == 302
    assert Party.objects.get(pk=politie.pk).name == "Politie Kennemerland"


def test_p3_s1_a_fresh_party_edit_is_accepted(beheerder, politie):
    url = reverse("parties:party-update", kwargs={"pk": politie.pk})
    response = verified_client(beheerder).post(
        url, party_data(politie, name="Politie Kennemerland", version=1)
    )
    assert response.status_code == 302
    politie.refresh_from_db()
    assert (politie.name, politie.version) == ("Politie Kennemerland", 2)


def test_p3_s1_update_party_refuses_a_stale_version(beheerder, politie):
    rename(politie, "Politie Eenheid Noord", by=beheerder, expected_version=1)
    stale = Party.objects.get(pk=politie.pk)
    stale.version = 1  # as read by a second beheerder before the first one saved
    with pytest.raises(ValidationError):
        rename(stale, "Politie Kennemerland", by=beheerder, expected_version=1)
    assert Party.objects.get(pk=politie.pk).name == "Politie Eenheid Noord"


def test_u5_p3_the_party_answers_with_its_version_as_etag(beheerder, deelnemer, politie):
    client = verified_client(deelnemer)
    first = client.get(f"/api/v1/partijen/{politie.pk}")
    assert first.status_code == 200 and first["ETag"] == '"1"'
    services.give_notice(politie, notice_on=date(2026, 12, 1), by=beheerder, reason="Opgezegd")
    assert client.get(f"/api/v1/partijen/{politie.pk}")["ETag"] == '"2"'
