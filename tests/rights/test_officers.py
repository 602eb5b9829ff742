"""R1 (CTER 12.2, VH 18.1): the uitvoerder designates officers for its Veiligheidshuis, who then
handle its requests under the uitvoerder's coordination; when the designation ends, so does
their access. Only the uitvoerder of the Veiligheidshuis designates; an officer does not."""

import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from parties.models import User
from rights.models import RequestOfficer
from rights.permissions.requests import may_handle_requests, request_handlers
from rights.services import officers
from tests.conftest import verified_client
from tests.factories import make_user
from tests.queries import count_queries, instances_built
from tests.rights.factories import Handlers, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def h():
    return Handlers()


def test_r1_a_designated_officer_handles_requests_until_the_designation_ends(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    assert may_handle_requests(h.officer, h.region)
    assert h.officer in request_handlers(h.region)
    designation = RequestOfficer.objects.get(user=h.officer)
    officers.end_designation(designation, by=h.uitvoerder)
    assert not may_handle_requests(h.officer)
    assert h.officer not in request_handlers(h.region)
    client = verified_client(h.officer)
    assert (
        client.get(reverse("rights:request-detail", args=[subject_request.number])).status_code
        == 404
    )
    assert client.get(f"/api/v1/verzoeken/{subject_request.number}").status_code == 404
    assert client.get("/api/v1/verzoeken").status_code == 403


def test_r1_only_the_uitvoerder_of_the_veiligheidshuis_designates(h):
    candidate = make_user(h.politie)
    for who in (h.officer, h.other_uitvoerder, h.member):
        with pytest.raises(PermissionDenied):
            officers.designate_officer(by=who, veiligheidshuis=h.region, user=candidate)
    officers.designate_officer(by=h.uitvoerder, veiligheidshuis=h.region, user=candidate)
    with pytest.raises(ValidationError):
        officers.designate_officer(by=h.uitvoerder, veiligheidshuis=h.region, user=candidate)


def test_r1_an_officer_is_a_user_of_a_party_of_the_veiligheidshuis(h):
    outsider = make_user(h.other_gemeente)
    with pytest.raises(ValidationError) as refused:
        officers.designate_officer(by=h.uitvoerder, veiligheidshuis=h.region, user=outsider)
    assert "user" in refused.value.error_dict


def test_r1_the_officers_page_designates_and_ends_with_a_confirmation(h):
    candidate = make_user(h.politie)
    client = verified_client(h.uitvoerder)
    page = client.get(reverse("rights:request-officers"))
    assert page.status_code == 200
    assert h.officer in [row.user for row in page.context["officers"]]
    response = client.post(
        reverse("rights:request-officers"),
        {"veiligheidshuis": h.region.pk, "user": candidate.pk},
    )
    assert response.status_code == 302
    designation = RequestOfficer.objects.get(user=candidate, ended_at__isnull=True)
    end = reverse("rights:request-officer-end", args=[designation.pk])
    assert client.get(end).status_code == 200  # asks first
    client.post(end)
    designation.refresh_from_db()
    assert designation.ended_at is not None


@pytest.mark.parametrize("who", ["officer", "other_uitvoerder", "member"])
def test_r1_nobody_else_uses_the_officers_page(h, who):
    client = verified_client(getattr(h, who))
    page = client.get(reverse("rights:request-officers"))
    if who == "other_uitvoerder":  # its own Veiligheidshuis only
        assert page.status_code == 200
        assert h.officer not in [row.user for row in page.context["officers"]]
        refused = client.post(
            reverse("rights:request-officers"),
            {"veiligheidshuis": h.region.pk, "user": h.member.pk},
        )
        assert refused.status_code == 200 and "veiligheidshuis" in refused.context["form"].errors
    else:
        assert page.status_code == 404
    designation = RequestOfficer.objects.get(user=h.officer)
    end = reverse("rights:request-officer-end", args=[designation.pk])
    assert client.post(end).status_code == 404
    designation.refresh_from_db()
    assert designation.ended_at is None


def test_issue13_r1_the_officers_page_reads_its_candidates_in_the_same_queries_however_many(h):
    """Each candidate's label names their party: read with the candidates, not per candidate
    (1,800 queries for the 900 users of a Veiligheidshuis at national scale)."""
    client = verified_client(h.uitvoerder)
    page = reverse("rights:request-officers")
    client.get(page)
    few = count_queries(client, page)
    for _ in range(5):
        make_user(h.politie)
    assert count_queries(client, page) == few
    assert f"({h.politie.name})" in client.get(page).content.decode()


def _offered(client) -> list[tuple[str, str]]:
    """The options of the page's select of users: (value, label), in their order."""
    page = client.get(reverse("rights:request-officers")).content.decode()
    select = re.search(r'<select name="user".*?</select>', page, re.DOTALL).group(0)
    return [
        (value, html.unescape(label))
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    ]


def test_issue13_r1_the_candidates_are_offered_by_name_and_party_in_name_order(h):
    User.objects.filter(pk=h.member.pk).update(first_name="Zoë", last_name="Aalders & Co")
    User.objects.filter(pk=h.officer.pk).update(first_name="", last_name="")
    offered = _offered(verified_client(h.uitvoerder))
    assert offered == [
        ("", "---------"),
        (str(h.officer.pk), f"{h.officer.username} ({h.gemeente.name})"),  # no name
        (str(h.member.pk), f"Zoë Aalders & Co ({h.politie.name})"),
        (str(h.uitvoerder.pk), f"Test Gebruiker ({h.gemeente.name})"),
    ]


def test_issue13_r1_the_officers_page_builds_no_user_for_each_candidate(h):
    """The 914 candidates of a Veiligheidshuis at national scale are read as rows: a User
    instance each cost 25 ms of the page's 38."""
    client = verified_client(h.uitvoerder)

    def users_built() -> int:
        with instances_built(User) as built:
            assert client.get(reverse("rights:request-officers")).status_code == 200
        return len(built)

    few = users_built()
    for _ in range(5):
        make_user(h.politie)
    assert users_built() == few
