"""S3: the register exists only for its overseers: the FG and the uitvoerder of the incident's
Veiligheidshuis see and edit it; the uitvoerder of another Veiligheidshuis, a deelnemer and a
beheerder get 404 on every page of it, and no menu link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from security.models.incidents import Incident
from security.services.incidents import visible_incidents
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def pages(incident):
    base = f"/toezicht/incidenten/{incident.number}/"
    return [
        "/toezicht/incidenten/",
        base,
        f"{base}beoordelen/",
        f"{base}melding/",
        f"{base}meldformulier/",
        f"{base}meldformulier.txt",
        f"{base}register.pdf",
    ]


@pytest.mark.parametrize("who", ["fg", "uitvoerder"])
def test_s3_the_overseers_of_the_region_see_and_edit_the_register(world, who):
    incident = world.report(discovered_at=timezone.now())
    user = getattr(world, who)
    client = verified_client(user)
    for path in pages(incident):
        assert client.get(path).status_code == 200, path
    assert incident.number in client.get("/toezicht/incidenten/").content.decode()
    assert 'href="/toezicht/incidenten/"' in client.get("/").content.decode()  # the menu
    assert list(visible_incidents(user)) == [incident]


@pytest.mark.parametrize("who", ["uitvoerder_elsewhere", "deelnemer", "beheerder"])
def test_s3_nobody_else_finds_the_register(world, who):
    incident = world.report(discovered_at=timezone.now())
    user = getattr(world, who)
    client = verified_client(user)
    for path in pages(incident)[1:]:
        assert client.get(path).status_code == 404, path
    if who == "uitvoerder_elsewhere":
        # They oversee a register of their own, in which Kennemerland's incident is not.
        listed = client.get("/toezicht/incidenten/")
        assert listed.status_code == 200 and incident.number not in listed.content.decode()
    else:
        assert client.get("/toezicht/incidenten/").status_code == 404
        assert 'href="/toezicht/incidenten/"' not in client.get("/").content.decode()
    posted = client.post(f"/toezicht/incidenten/{incident.number}/afsluiten/", {"confirm": "on"})
    assert posted.status_code == 404
    assert not visible_incidents(user).exists()


def test_s3_each_uitvoerder_sees_their_own_regions_incidents_only(world):
    here = world.report(discovered_at=timezone.now())
    there = world.report(
        discovered_at=timezone.now(), by=world.uitvoerder_elsewhere, region=world.elsewhere
    )
    assert list(visible_incidents(world.uitvoerder_elsewhere)) == [there]
    assert list(visible_incidents(world.uitvoerder)) == [here]
    client = verified_client(world.uitvoerder_elsewhere)
    assert client.get(f"/toezicht/incidenten/{there.number}/").status_code == 200
    assert client.get(f"/toezicht/incidenten/{here.number}/").status_code == 404


def test_u2_the_register_lists_open_incidents_first_the_oldest_clock_first(world):
    """U2: open before closed, then the earliest discovered first; sortable; a result count;
    the filters stay set until cleared."""
    now = timezone.now()
    closed = world.report(discovered_at=now - timedelta(days=3))
    older = world.report(discovered_at=now - timedelta(hours=30))
    newer = world.report(discovered_at=now - timedelta(hours=2))
    Incident.objects.filter(pk=closed.pk).update(closed_at=now)
    client = verified_client(world.fg)
    listed = client.get("/toezicht/incidenten/")
    order = [incident.number for incident in listed.context["incidents"]]
    assert order == [older.number, newer.number, closed.number]
    assert "3 resultaten" in listed.content.decode()
    by_number = client.get("/toezicht/incidenten/?sort=-number")
    assert [i.number for i in by_number.context["incidents"]] == sorted(order, reverse=True)
    client.get("/toezicht/incidenten/?state=open")
    kept = client.get("/toezicht/incidenten/")
    assert kept.status_code == 302 and "state=open" in kept.url
    client.get("/toezicht/incidenten/?filters=reset")
    assert client.get("/toezicht/incidenten/").status_code == 200


def test_s3_the_list_searches_filters_and_shows_an_empty_state(world):
    first = world.report(discovered_at=timezone.now())
    client = verified_client(world.fg)
    html = client.get("/toezicht/incidenten/?state=closed").content.decode()
    assert first.number not in html and "Geen incidenten gevonden" in html
    # The search term stays out of the URL (it may name a person).
    response = client.post("/toezicht/incidenten/", {"q": "Zichtbarenaam", "state": "open"})
    assert response["Location"] == "/toezicht/incidenten/?state=open"
    assert first.number in client.get(response["Location"]).content.decode()
    client.post("/toezicht/incidenten/", {"q": "niets-dergelijks"})
    assert first.number not in client.get("/toezicht/incidenten/").content.decode()
