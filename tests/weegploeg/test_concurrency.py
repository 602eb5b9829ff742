"""S1, W7: optimistic concurrency on the weegploeg meeting page. The uitvoerder records what was
discussed of an assessment on a page opened before a colleague recorded the meeting: refused,
with the message and what was typed kept; saving again overwrites deliberately."""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.weegploeg.factories import signal
from weegploeg import services

pytestmark = pytest.mark.django_db


def test_s1_w7_a_stale_discussion_is_refused_in_the_page_and_keeps_the_input(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[assessment],
    )
    item = meeting.items.get()
    client = verified_client(wp.uitvoerder)
    url = reverse("weegploeg:meeting-detail", kwargs={"pk": meeting.pk})
    opened = client.get(f"{url}?vastleggen={item.pk}").content.decode()
    assert f'name="item-{item.pk}-version" value="1"' in opened
    services.record_discussion(item, by=wp.uitvoerder, discussion="Eerst besproken.")

    typed = "Later getypt op de oude stand."
    data = {"item": item.pk, f"item-{item.pk}-discussion": typed, f"item-{item.pk}-version": 1}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page and typed in page
    item.refresh_from_db()
    assert item.discussion == "Eerst besproken."
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert f'name="item-{item.pk}-version" value="2"' in page
    assert client.post(url, {**data, f"item-{item.pk}-version": 2}).status_code == 302
    item.refresh_from_db()
    assert item.discussion == typed
