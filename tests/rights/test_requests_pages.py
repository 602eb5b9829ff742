"""U3, R1-R3 on the pages: the request screen for the uitvoerder and its designated officers
(404 for the uitvoerder of another Veiligheidshuis and a partner's member), the steps of a
request, nothing of the files before the identity (R2), and an access entry for every view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rights.constants import RequestState
from rights.models import Letter, SubjectRequest
from rights.services import requests as requests_service
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.rights.factories import ABOUT, Handlers, identify, make_request
from tests.rights.pdf_text import pdf_text
from tests.security.panels import is_empty, items, panel
from tests.security.panels import overdue as overdue_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def h():
    return Handlers()


def detail(subject_request, step=""):
    name = f"rights:request-{step}" if step else "rights:request-detail"
    return reverse(name, args=[subject_request.number])


def access_entries(subject_request):
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(subject_request.pk)
    )


@pytest.mark.parametrize("who", ["uitvoerder", "officer"])
def test_u3_the_uitvoerder_and_a_designated_officer_see_the_request(h, who):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(getattr(h, who))
    listed = client.get(reverse("rights:request-list"))
    assert listed.status_code == 200 and subject_request.number in listed.text
    page = client.get(detail(subject_request))
    assert page.status_code == 200 and ABOUT["surname"] in page.text


def test_u3_the_uitvoerder_of_another_veiligheidshuis_does_not(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.other_uitvoerder)
    listed = client.get(reverse("rights:request-list"))
    assert listed.status_code == 200 and subject_request.number not in listed.text
    for step in ("", "identity", "candidates", "extend", "answered", "withdrawn"):
        assert client.get(detail(subject_request, step)).status_code == 404


def test_u3_a_partner_member_has_no_request_screen(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.member)
    for url in (
        reverse("rights:request-list"),
        reverse("rights:request-create"),
        detail(subject_request),
        detail(subject_request, "identity"),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("rights:request-create"), {}).status_code == 404


def test_r1_the_intake_page_records_a_request_and_logs_who_did(h):
    client = verified_client(h.officer)
    form = {
        "veiligheidshuis": h.region.pk,
        "kinds": ["access", "rectification"],
        "received_on": timezone.localdate().isoformat(),
        "channel": "letter",
        "requester_kind": "subject",
        "surname": "Jansen",
        "given_names": "Piet",
        "date_of_birth": "1990-05-17",
        "bsn": "123456789",
        "explanation": "",
    }
    refused = client.post(reverse("rights:request-create"), form)
    assert refused.status_code == 200
    assert 'id="id_bsn_error"' in refused.text
    form.update(bsn="111222333")
    refused = client.post(reverse("rights:request-create"), form)  # the service's rule
    assert 'id="id_explanation_error"' in refused.text
    form.update(explanation="Mijn adres is onjuist.")
    response = client.post(reverse("rights:request-create"), form)
    made = SubjectRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(made)
    entry = AuditEntry.objects.get_for_object(made).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == h.officer


def test_r2_the_identity_page_records_it_and_the_page_says_no_copy_is_kept(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.uitvoerder)
    page = client.get(detail(subject_request))
    assert 'data-testid="next-step"' in page.text
    response = client.post(
        detail(subject_request, "identity"),
        {"method": "id_at_desk", "note": "Rijbewijs gezien.", "version": subject_request.version},
    )
    assert response.status_code == 302
    subject_request.refresh_from_db()
    assert subject_request.identity_established_by == h.uitvoerder
    page = client.get(detail(subject_request))
    assert 'data-testid="identity"' in page.text
    assert "geen kopie van een identiteitsbewijs" in page.text  # R2: said on the page


def test_r2_no_page_discloses_anything_of_the_files_before_the_identity(world):
    subject_request = make_request(by=world.keeper, region=world.region)
    client = verified_client(world.keeper)
    keys = [ref.key for ref in world.refs]
    page = client.get(detail(subject_request))
    assert not any(key in page.text for key in keys)
    for step in ("candidates", "extend", "answered"):
        response = client.get(detail(subject_request, step), follow=True)
        assert response.redirect_chain[-1][0] == detail(subject_request)
        assert not any(key in response.text for key in keys)
    confirm = client.post(
        detail(subject_request, "confirm"),
        {"file_label": "ico", "dossier_key": world.ico_ref.key, "version": 1},
        follow=True,
    )
    assert not any(key in confirm.text for key in keys)
    assert not subject_request.dossiers.exists()
    assert not access_entries(subject_request).filter(dossier_key__in=keys).exists()


def test_r1_the_handler_finds_confirms_and_takes_back_dossiers_on_the_pages(world):
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    client = verified_client(world.keeper)
    found = client.get(detail(subject_request, "candidates"))
    assert all(ref.key in found.text for ref in world.refs)
    confirm = client.post(
        detail(subject_request, "confirm"),
        {"file_label": "ico", "dossier_key": world.ico_ref.key, "version": 2},
    )
    assert confirm.status_code == 302
    subject_request.refresh_from_db()
    assert subject_request.state == RequestState.IN_PROGRESS
    page = client.get(detail(subject_request))
    assert world.ico_ref.key in page.text
    entries = access_entries(subject_request).filter(additional_data={"read": "detail"})
    assert entries.filter(file_label="ico", dossier_key=world.ico_ref.key).exists()
    back = reverse(
        "rights:request-unconfirm", args=[subject_request.number, "ico", world.ico_ref.key]
    )
    assert client.get(back).status_code == 200  # asks first
    assert (
        client.post(
            back,
            {
                "version": subject_request.version,
                "file_label": "ico",
                "dossier_key": world.ico_ref.key,
            },
        ).status_code
        == 302
    )
    assert not subject_request.dossiers.exists()


def test_s2_every_view_of_a_request_is_access_logged_without_personal_data(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.officer)
    client.get(reverse("rights:request-list"))
    client.get(detail(subject_request))
    entries = access_entries(subject_request)
    assert {e.additional_data["read"] for e in entries} == {"list", "detail"}
    assert all(e.actor == h.officer for e in entries)
    assert all(e.object_repr == subject_request.number for e in entries)


def test_u3_the_list_filters_searches_and_pages(h):
    today = timezone.localdate()
    objection = make_request(by=h.uitvoerder, region=h.region, kinds=["objection"])
    answered = make_request(by=h.uitvoerder, region=h.region, identified=True)
    answered.refresh_from_db()
    from rights.services import requests as request_services

    request_services.mark_answered(answered, by=h.uitvoerder)
    old = make_request(
        by=h.uitvoerder, region=h.region, received_on=today.replace(year=today.year - 1)
    )
    client = verified_client(h.uitvoerder)

    def numbers(**query):
        response = client.get(reverse("rights:request-list"), query)
        return {r.number for r in response.context["requests"]}

    assert numbers(kind="objection") == {objection.number}
    assert numbers(state="done") == {answered.number}
    assert numbers(due="overdue") == {old.number}
    assert numbers(due="week") == set()
    assert numbers(q=old.number) == {old.number}
    assert numbers(state="nonsense") == {objection.number, answered.number, old.number}
    empty = client.get(reverse("rights:request-list"), {"kind": "erasure"})
    assert "<table" not in empty.text
    for _ in range(25):
        make_request(by=h.uitvoerder, region=h.region)
    # U2: the filters stay set until cleared
    assert client.get(reverse("rights:request-list")).status_code == 302
    first = client.get(reverse("rights:request-list"), {"filters": "reset"}, follow=True)
    assert len(first.context["requests"]) == 25 and first.context["is_paginated"]
    assert len(client.get(reverse("rights:request-list"), {"page": 2}).context["requests"]) == 3


def test_u2_the_request_list_sorts_open_first_by_deadline_and_keeps_its_filters(h):
    """U2: open requests before answered ones, then by deadline; every column sorts both ways;
    a result count; the filters stay set until cleared."""
    today = timezone.localdate()
    answered = make_request(
        by=h.uitvoerder, region=h.region, received_on=today - timedelta(days=20), identified=True
    )
    requests_service.mark_answered(answered, by=h.uitvoerder, answered_on=today)
    later = make_request(by=h.uitvoerder, region=h.region)
    sooner = make_request(by=h.uitvoerder, region=h.region, received_on=today - timedelta(10))
    client = verified_client(h.uitvoerder)
    listed = client.get(reverse("rights:request-list"))
    order = [r.number for r in listed.context["requests"]]
    assert order == [sooner.number, later.number, answered.number]
    assert "3 resultaten" in listed.text and 'aria-sort="ascending"' in listed.text
    backwards = client.get(reverse("rights:request-list"), {"sort": "-deadline"})
    assert [r.number for r in backwards.context["requests"]] == order[::-1]
    by_number = client.get(reverse("rights:request-list"), {"sort": "number", "state": ""})
    assert [r.number for r in by_number.context["requests"]] == sorted(order)
    client.get(reverse("rights:request-list"), {"state": "done"})
    kept = client.get(reverse("rights:request-list"))
    assert kept.status_code == 302 and "state=done" in kept.url
    assert [r.number for r in client.get(kept.url).context["requests"]] == [answered.number]
    assert "Filters wissen" in client.get(kept.url).text
    client.get(reverse("rights:request-list"), {"filters": "reset"})
    assert len(client.get(reverse("rights:request-list")).context["requests"]) == 3


def test_u3_an_empty_list_says_so(h):
    response = verified_client(h.uitvoerder).get(reverse("rights:request-list"))
    assert response.status_code == 200 and "<table" not in response.text


def test_r3_the_extension_page_makes_the_letter_to_download_and_record(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region, identified=True)
    client = verified_client(h.officer)
    refused = client.post(detail(subject_request, "extend"), {"reasons": "", "version": 2})
    assert refused.status_code == 200
    client.post(detail(subject_request, "extend"), {"reasons": "Veel werk.", "version": 2})
    letter = Letter.objects.get(request=subject_request)
    download = client.get(
        reverse("rights:request-letter", args=[subject_request.number, letter.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert "Veel werk." in pdf_text(download.content)
    sent = reverse("rights:request-letter-sent", args=[subject_request.number, letter.pk])
    client.post(sent, {"sent_on": timezone.localdate().isoformat(), "means": "email"})
    letter.refresh_from_db()
    assert letter.sent_by == h.officer and letter.sent_means == "email"
    assert (
        verified_client(h.other_uitvoerder)
        .get(reverse("rights:request-letter", args=[subject_request.number, letter.pk]))
        .status_code
        == 404
    )


def test_u3_answered_and_withdrawn_close_the_request(h):
    answered = make_request(by=h.uitvoerder, region=h.region, identified=True)
    withdrawn = make_request(by=h.uitvoerder, region=h.region)
    client = verified_client(h.uitvoerder)
    today = timezone.localdate().isoformat()
    client.post(detail(answered, "answered"), {"answered_on": today, "version": 2})
    assert client.get(detail(withdrawn, "withdrawn")).status_code == 200  # asks first
    client.post(detail(withdrawn, "withdrawn"), {"withdrawn_on": today, "version": 1})
    answered.refresh_from_db()
    withdrawn.refresh_from_db()
    assert answered.state == RequestState.DONE and answered.answered_on
    assert withdrawn.state == RequestState.WITHDRAWN and withdrawn.withdrawn_on
    stale = client.post(detail(answered, "answered"), {"answered_on": today, "version": 3})
    assert stale.status_code == 200  # closed: refused on the form


def test_s1_a_stale_version_is_refused_on_the_page(h):
    subject_request = make_request(by=h.uitvoerder, region=h.region)
    identify(subject_request, by=h.officer)  # version 2 now
    response = verified_client(h.uitvoerder).post(
        detail(subject_request, "withdrawn"),
        {"withdrawn_on": timezone.localdate().isoformat(), "version": 1},
    )
    assert response.status_code == 200
    subject_request.refresh_from_db()
    assert subject_request.state == RequestState.IDENTIFIED


def test_u1_r3_the_dashboard_lists_each_request_due_with_its_next_step_and_term(h):
    """U1, R3: the handler sees each request overdue or due within a week by number, with what
    to do next and its term, oldest first; an answered or withdrawn one never; nobody else sees
    the panel's items; with nothing due the panel says so in one line."""
    today = timezone.localdate()
    assert is_empty(verified_client(h.officer).get(reverse("dashboard")).text, "requests-due")
    overdue = make_request(
        by=h.uitvoerder, region=h.region, received_on=today.replace(year=today.year - 1)
    )
    due_soon = make_request(
        by=h.uitvoerder, region=h.region, received_on=today - timedelta(days=27), identified=True
    )
    later = make_request(by=h.uitvoerder, region=h.region)  # a month ahead: not yet
    withdrawn = make_request(
        by=h.uitvoerder, region=h.region, received_on=today.replace(year=today.year - 1)
    )
    requests_service.withdraw(withdrawn, by=h.uitvoerder, withdrawn_on=today)
    page = verified_client(h.officer).get(reverse("dashboard")).text
    shown = items(page, "requests-due")
    assert len(shown) == 2
    assert shown[0].startswith(f"{overdue.number}: Stel de identiteit van de verzoeker vast")
    assert overdue_items(page, "requests-due") == [shown[0]]
    assert shown[1].startswith(f"{due_soon.number}: Zoek en bevestig de dossiers")
    assert later.number not in page and withdrawn.number not in page
    assert f'href="{detail(overdue)}"' in panel(page, "requests-due")
    assert panel(verified_client(h.member).get(reverse("dashboard")).text, "requests-due") is None
    other = verified_client(h.other_uitvoerder).get(reverse("dashboard")).text
    assert overdue.number not in other and is_empty(other, "requests-due")
