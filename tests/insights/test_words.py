"""U4: the pages of management information and the register of processing activities show no
requirement code ("U6", "CTER 13"); the law they follow (AVG 30) may be cited."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import data_file
from tests.security.panels import codes_in

pytestmark = pytest.mark.django_db


def test_u4_the_insights_pages_contain_no_requirement_code(world):
    client = verified_client(world.fg)
    ico = data_file(world.ag.overleg)
    pages = [
        reverse("dashboard"),
        reverse("insights:figures"),
        reverse("insights:register"),
        reverse("insights:processing-activity", args=[ico.pk]),
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        assert codes_in(response.content.decode()) == [], page
