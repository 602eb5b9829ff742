"""Pages and API agree (issue 8, finding 2; ADR 0011): for every demo user and every case,
assessment, meeting of both files, disclosure, request of a subject and duty to inform of the
demo, the page and the API answer the same, 200 or 404. Both read through the selectors of
their file (or the permissions of the rights), so they cannot disagree."""

import pytest
from django.urls import reverse

from cases.models import Case, CaseMeeting, Disclosure
from parties import demo
from parties.models import User
from rights.models import DutyToInform, SubjectRequest
from tests.conftest import verified_client
from weegploeg.models import Assessment, Meeting

pytestmark = pytest.mark.django_db

OBJECTS = {
    "case": (
        Case,
        lambda case: reverse("cases:case-detail", args=[case.number]),
        lambda case: f"/api/v1/casussen/{case.number}",
    ),
    "assessment": (
        Assessment,
        lambda assessment: reverse("weegploeg:assessment-detail", args=[assessment.number]),
        lambda assessment: f"/api/v1/wegingen/{assessment.number}",
    ),
    "case meeting": (
        CaseMeeting,
        lambda meeting: reverse("cases:meeting-detail", args=[meeting.pk]),
        lambda meeting: f"/api/v1/bijeenkomsten/{meeting.pk}",
    ),
    "weegploeg meeting": (
        Meeting,
        lambda meeting: reverse("weegploeg:meeting-detail", args=[meeting.pk]),
        lambda meeting: f"/api/v1/overleggen/{meeting.pk}",
    ),
    "disclosure": (
        Disclosure,
        lambda disclosure: reverse("cases:disclosure-detail", args=[disclosure.pk]),
        lambda disclosure: f"/api/v1/verstrekkingen/{disclosure.pk}",
    ),
    "request of a subject": (
        SubjectRequest,
        lambda request: reverse("rights:request-detail", args=[request.number]),
        lambda request: f"/api/v1/verzoeken/{request.number}",
    ),
    "duty to inform": (
        DutyToInform,
        lambda duty: reverse("rights:duty-detail", args=[duty.pk]),
        lambda duty: f"/api/v1/informatieplichten/{duty.pk}",
    ),
}


def test_p8_s1_w4_page_and_api_agree_for_every_demo_user_and_object(demo_data):
    """S1, W4, C4, C6, P8, U5: the same 200 or 404 on the page and in the API, for every demo
    user and every object of every kind in the demo; and each object is seen by someone. One
    seed for all kinds: seeding the demo is the slow part."""
    clients = {
        account.username: verified_client(User.objects.get(username=account.username))
        for account in demo.DEMO_USERS
        # refused everything without a declaration (P6), page and API alike
        if account.username != "extern.zonder"
    }
    disagreements, unseen = [], []
    for kind, (model, page_url, api_url) in OBJECTS.items():
        objects = list(model.objects.order_by("pk"))
        assert objects, kind
        seen = set()
        for username, client in clients.items():
            for row in objects:
                page = client.get(page_url(row)).status_code
                api = client.get(api_url(row)).status_code
                assert page in {200, 404} and api in {200, 404}, (kind, username, row.pk)
                if page != api:
                    disagreements.append((kind, username, row.pk, page, api))
                if page == 200:
                    seen.add(row.pk)
        unseen += [(kind, row.pk) for row in objects if row.pk not in seen]
    assert disagreements == []
    assert unseen == []
