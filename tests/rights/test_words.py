"""U4: no page of the subject's rights shows a requirement code ("CTER 12.5", "VH 18.4", "R3"):
each page is rendered for a user who may see it and its text is searched. Dates as dd-mm-jjjj."""

import pytest
import time_machine
from django.urls import reverse

from rights.constants import RequestKind
from tests.clock import NOW
from tests.conftest import verified_client
from tests.rights.duty_fixtures import DutyWorld
from tests.rights.factories import Handlers, make_request
from tests.security.panels import codes_in

pytestmark = pytest.mark.django_db


def test_u4_the_request_pages_contain_no_requirement_code():
    h = Handlers()
    subject_request = make_request(
        by=h.uitvoerder,
        region=h.region,
        identified=True,
        kinds=[RequestKind.ACCESS, RequestKind.RECTIFICATION, RequestKind.OBJECTION],
        explanation="Mijn adres klopt niet.",
    )
    client = verified_client(h.uitvoerder)
    number = subject_request.number
    pages = [
        reverse("dashboard"),
        reverse("rights:request-list"),
        reverse("rights:request-create"),
        reverse("rights:request-officers"),
        reverse("rights:request-detail", args=[number]),
        reverse("rights:request-candidates", args=[number]),
        reverse("rights:request-extend", args=[number]),
        reverse("rights:request-answered", args=[number]),
        reverse("rights:request-withdrawn", args=[number]),
        reverse("rights:outcomes", args=[number]),
        reverse("rights:outcome-withhold", args=[number]),
        reverse("rights:outcome-objection", args=[number]),
        reverse("rights:outcome-change", args=[number, "rectificatie"]),
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        assert codes_in(response.content.decode()) == [], page


def test_u4_the_intake_form_of_a_new_request_contains_no_requirement_code():
    h = Handlers()
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.officer)
    html = client.get(reverse("rights:request-identity", args=[subject_request.number]))
    assert html.status_code == 200 and codes_in(html.content.decode()) == []


def test_u4_the_duty_pages_contain_no_requirement_code(region):
    with time_machine.travel(NOW, tick=False):
        world = DutyWorld(region)
        client = verified_client(world.agent)
        pk = world.duty.pk
        for page in [
            reverse("rights:duty-list"),
            reverse("rights:duty-detail", args=[pk]),
            reverse("rights:duty-postpone", args=[pk]),
            reverse("rights:duty-informed", args=[pk]),
            reverse("rights:duty-not-required", args=[pk]),
        ]:
            response = client.get(page)
            assert response.status_code == 200, page
            assert codes_in(response.content.decode()) == [], page
        # the beheerder's pages of the letters per file
        client = verified_client(world.beheerder)
        for page in [reverse("rights:file-settings-list"), reverse("rights:grounds")]:
            response = client.get(page)
            assert response.status_code == 200, page
            assert codes_in(response.content.decode()) == [], page
