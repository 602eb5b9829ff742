"""U4: no page of oversight shows a requirement code ("CTER 15.1f", "S3", "P4"): the incident
register and an incident with its forms, the access log and its reviews, the authorisation
reviews, the suspended accounts and the policy evaluation, rendered for their overseer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from security.services.authorisation_reviews import create_due_reviews
from tests.conftest import verified_client
from tests.security.incidents.fixtures import world  # noqa: F401
from tests.security.panels import codes_in

pytestmark = pytest.mark.django_db


def test_u4_the_oversight_pages_contain_no_requirement_code(world):  # noqa: F811
    incident = world.report(discovered_at=timezone.now())
    create_due_reviews()
    number = incident.number
    pages = {
        world.fg: [
            reverse("dashboard"),
            reverse("security:incident-list"),
            reverse("security:incident-detail", args=[number]),
            reverse("security:incident-assess", args=[number]),
            reverse("security:incident-notify", args=[number]),
            reverse("security:incident-ap-export", args=[number]),
            reverse("security:access-log"),
            reverse("security:access-reviews"),
            reverse("security:review-list"),
            reverse("security:suspensions"),
            reverse("security:policy-list"),
            reverse("security:policy-create"),
            reverse("security:logboek"),
        ],
        world.deelnemer: [reverse("security:incident-report")],
        world.beheerder: [reverse("dashboard"), reverse("security:review-list")],
    }
    for user, urls in pages.items():
        client = verified_client(user)
        for page in urls:
            response = client.get(page, follow=True)
            assert response.status_code == 200, page
            assert codes_in(response.content.decode()) == [], page
