"""No personal data in URLs: a search for a name is posted and kept in the session, so it never
appears in an address, an access log or the browser's history (the project's style rule)."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.weegploeg.factories import Weegploeg, signal

pytestmark = pytest.mark.django_db

LIST = reverse("weegploeg:assessment-list")


def test_u1_a_name_search_stays_out_of_the_url(region):
    wp = Weegploeg(region)
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Visser"})
    client = verified_client(wp.uitvoerder)
    response = client.post(LIST, {"q": "Visser", "status": "open"})
    assert response.status_code == 302
    assert "Visser" not in response["Location"]
    assert response["Location"] == f"{LIST}?status=open"
    page = client.get(response["Location"]).content.decode()
    assert "Visser" in page and "Jansen" not in page
    assert 'value="Visser"' in page  # the term stays in the search box
    cleared = client.post(LIST, {"q": ""})
    assert "Jansen" in client.get(cleared["Location"]).content.decode()


def test_u1_a_user_search_stays_out_of_the_url(beheerder, deelnemer):
    client = verified_client(beheerder)
    users = reverse("parties:user-list")
    response = client.post(users, {"q": "agent"})
    assert response["Location"] == users
    page = client.get(users).content.decode()
    assert ">agent<" in page and ">beheerder<" not in page  # the user-name cells
