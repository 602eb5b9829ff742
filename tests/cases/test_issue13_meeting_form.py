"""Issue 13, C4, S2: the case meeting page opens the form of one case at a time. A page of 46
cases rendered a form each (1.7 ms of templates a case); now every case is read-only with a
button to open its form, for the chair and the keeper only, and the page's size does not grow by
a form per case."""

import pytest
from django.urls import reverse

from security.models import AuditEntry
from tests.cases.test_pages import discussion_data
from tests.cases.test_workplace import HTMX, meeting_of
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

OPEN = 'data-testid="open-discussion-form"'
FORM = 'data-testid="discussion-form"'


@pytest.fixture
def meeting(ico):
    return meeting_of(ico, [ico.open_case(surname=f"Persoon{n}") for n in range(3)])


def page_url(meeting):
    return reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})


def first(meeting):
    return meeting.discussions.order_by("case__number_order").first()


@pytest.mark.parametrize("who", ["chair", "keeper"])
def test_issue13_c4_a_recorder_opens_the_form_of_one_case_at_a_time(ico, meeting, who):
    client = verified_client(getattr(ico, who))
    closed = client.get(page_url(meeting)).content.decode()
    assert closed.count(OPEN) == 3 and FORM not in closed and "<textarea" not in closed
    assert "<datalist" not in closed

    opened = client.get(page_url(meeting), {"vastleggen": first(meeting).pk}).content.decode()
    assert opened.count(FORM) == 1 and opened.count(OPEN) == 2
    assert opened.count("<textarea") == 3  # minutes, approach, informing of that one case
    assert opened.count("autofocus") == 1 and opened.count("<datalist") == 1
    assert f'name="discussion" value="{first(meeting).pk}"' in opened


@pytest.mark.parametrize("who", ["agent", "raad"])
def test_issue13_c4_who_may_not_record_gets_no_form_nor_button(ico, meeting, who):
    client = verified_client(getattr(ico, who))
    for query in ({}, {"vastleggen": first(meeting).pk}):
        response = client.get(page_url(meeting), query)
        body = response.content.decode()
        assert response.status_code == 200, query
        assert OPEN not in body and FORM not in body and "<textarea" not in body


def test_issue13_c4_no_form_after_the_minutes_are_approved(ico, meeting):
    ico.approve(meeting)
    chair = verified_client(ico.chair)
    body = chair.get(page_url(meeting), {"vastleggen": first(meeting).pk}).content.decode()
    assert OPEN not in body and FORM not in body


@pytest.mark.parametrize("wanted", ["", "abc", "-1", "999999999"])
def test_issue13_c4_a_value_that_names_no_case_of_the_page_opens_nothing(ico, meeting, wanted):
    response = verified_client(ico.chair).get(page_url(meeting), {"vastleggen": wanted})
    body = response.content.decode()
    assert response.status_code == 200 and FORM not in body and body.count(OPEN) == 3


def test_issue13_c4_a_case_of_another_meeting_opens_nothing(ico, meeting):
    other = meeting_of(ico, [ico.open_case(surname="Elders")])
    body = (
        verified_client(ico.chair)
        .get(page_url(meeting), {"vastleggen": first(other).pk})
        .content.decode()
    )
    assert FORM not in body


def test_issue13_c4_s2_htmx_puts_the_form_in_place_and_logs_that_case(ico, meeting):
    discussion = first(meeting)
    before = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count()
    response = verified_client(ico.chair).get(
        page_url(meeting), {"vastleggen": discussion.pk}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.count(FORM) == 1 and f'id="case-{discussion.pk}"' in body
    assert "<datalist" in body  # the list of casemanagers comes with the form
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count() == before + 1
    logged = AuditEntry.objects.get_for_object(discussion.case)
    assert logged.filter(action=AuditEntry.Action.ACCESS).exists()


def test_issue13_c4_a_saved_case_closes_its_form_in_place(ico, meeting):
    data = discussion_data(first(meeting))
    response = verified_client(ico.chair).post(page_url(meeting), data, **HTMX)
    body = response.content.decode()
    assert 'role="status"' in body and "De politie voert een gesprek." in body
    assert FORM not in body and OPEN in body


def test_issue13_c4_a_refused_save_keeps_the_form_open_with_what_was_typed(ico, meeting):
    discussion = first(meeting)
    prefix = f"case-{discussion.pk}"
    typed = {f"{prefix}-minutes": "Getypt verslag.", f"{prefix}-casemanager": "Niemand die bestaat"}
    data = discussion_data(discussion, **typed)
    response = verified_client(ico.chair).post(page_url(meeting), data)
    body = response.content.decode()
    assert response.status_code == 200 and body.count(FORM) == 1
    assert "Getypt verslag." in body and "Niemand die bestaat" in body
    assert "<datalist" in body and body.count(OPEN) == 2


# --- issue 13: the agenda a page at a time -------------------------------------------------------


@pytest.fixture
def two_a_page(monkeypatch):
    """Two cases a page, so that the three of `meeting` take two pages."""
    monkeypatch.setattr("cases.views.meetings.PAGE_SIZE", 2)


def ordered(meeting):
    return list(meeting.discussions.order_by("case__number_order"))


def test_issue13_c4_s2_the_agenda_shows_a_page_of_cases_and_logs_only_those(
    ico, meeting, two_a_page
):
    first_, second, third = ordered(meeting)
    client = verified_client(ico.agent)
    shown = client.get(page_url(meeting)).content.decode()
    assert f'id="case-{first_.pk}"' in shown and f'id="case-{third.pk}"' not in shown
    assert 'rel="next" href="?page=2"' in shown
    # The summary and the index cover the whole agenda; the index links to the other page.
    assert "0 van 3 besprekingen vastgelegd" in shown
    assert f'href="{page_url(meeting)}?page=2#case-{third.pk}"' in shown
    assert f'href="#case-{second.pk}"' in shown
    AuditEntry.objects.filter(actor=ico.agent).delete()
    later = client.get(page_url(meeting), {"page": 2}).content.decode()
    assert f'id="case-{third.pk}"' in later and f'id="case-{first_.pk}"' not in later
    assert '<ol class="vh-agenda" start="3">' in later
    # S2: an access entry for each case shown, and for no other.
    read = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=ico.agent)
    assert set(read.values_list("object_id", flat=True)) == {third.case_id}


def test_issue13_c4_a_form_opened_on_a_later_page_stays_on_that_page(ico, meeting, two_a_page):
    third = ordered(meeting)[2]
    later = f"{page_url(meeting)}?page=2"
    client = verified_client(ico.chair)
    shown = client.get(later).content.decode()
    assert f'href="{later}&amp;vastleggen={third.pk}"' in shown
    opened = client.get(f"{later}&vastleggen={third.pk}").content.decode()
    assert opened.count(FORM) == 1 and f'action="{later}"' in opened
    assert f'href="{later}#case-{third.pk}">Annuleren</a>' in opened
    # Without JavaScript a save comes back to the case on its page.
    response = client.post(later, discussion_data(third))
    assert response.status_code == 302 and response["Location"] == f"{later}#case-{third.pk}"
    # A refused save shows the form again on that page, with what was typed.
    typed = {f"case-{third.pk}-casemanager": "Niemand die bestaat"}
    refused = client.post(later, discussion_data(third, **typed)).content.decode()
    assert refused.count(FORM) == 1 and "Niemand die bestaat" in refused
