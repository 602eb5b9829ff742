"""W7, S2, P8, issue 13: the weegploeg meeting page opens one form at a time. Every agenda item
is read-only; the uitvoerder who keeps an item's dossier follows its link ("?vastleggen=<item>")
to record the discussion, and only that item's form is rendered, whatever the number of items.
Whoever does not keep the dossier gets neither link nor form, whatever the URL says."""

import re
from datetime import date

import pytest
from django.urls import reverse

from security.models import AuditEntry
from tests.conftest import verified_client
from tests.queries import count_queries, instances_built
from tests.weegploeg.factories import signal
from weegploeg import services

pytestmark = pytest.mark.django_db

FORBIDDEN = "Betrokkene van Marokkaanse afkomst deelde filmpjes."
PEOPLE = [
    {"surname": "Jansen"},
    {"surname": "Visser", "date_of_birth": date(1985, 3, 2)},
    {"surname": "Bakker", "date_of_birth": date(1979, 8, 30)},
]


def hold(wp, people):
    assessments = [
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person=person).assessment
        for person in people
    ]
    return services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=assessments,
    )


@pytest.fixture
def meeting(wp):
    """A session with three assessments on the agenda."""
    return hold(wp, PEOPLE)


def url_of(meeting, opened=None):
    url = reverse("weegploeg:meeting-detail", kwargs={"pk": meeting.pk})
    return url if opened is None else f"{url}?vastleggen={opened}"


def page(user, url):
    response = verified_client(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_w7_without_the_parameter_every_item_is_read_only_with_a_link(wp, meeting):
    items = list(meeting.items.all())
    services.record_discussion(items[0], by=wp.uitvoerder, discussion="Besproken.\nVolgt.")
    shown = page(wp.uitvoerder, url_of(meeting))
    assert "<textarea" not in shown and 'name="item"' not in shown
    assert "Besproken.<br>Volgt." in shown
    assert shown.count("Nog niets vastgelegd.") == 2
    for item in items:
        # No fragment: a browser ignores autofocus when the URL names a target on the page.
        link = f'href="?vastleggen={item.pk}"'
        assert shown.count(link) == 1
    assert shown.count("Bespreking vastleggen") == 3


def test_w7_the_parameter_opens_exactly_one_form_with_autofocus(wp, meeting):
    items = list(meeting.items.all())
    opened = items[1]
    closed = page(wp.uitvoerder, url_of(meeting))
    shown = page(wp.uitvoerder, url_of(meeting, opened.pk))
    # One form more than the page without it (the layout has forms of its own), one textarea.
    assert shown.count("<form") - closed.count("<form") == 1
    assert shown.count("<textarea") == 1 and shown.count('name="item"') == 1
    assert f'name="item" value="{opened.pk}"' in shown
    textarea = re.search(r"<textarea[^>]*>", shown).group(0)
    assert f'name="item-{opened.pk}-discussion"' in textarea and "autofocus" in textarea
    assert shown.count("autofocus") == 1
    cancel = f'href="{url_of(meeting)}#item-{opened.pk}">Annuleren</a>'
    assert cancel in shown
    # The other items keep their link; the opened one has its form instead.
    assert f'href="?vastleggen={opened.pk}"' not in shown
    assert shown.count("Bespreking vastleggen") == 2


def test_w7_the_form_is_rendered_once_whatever_the_number_of_items(wp):
    one = hold(wp, PEOPLE[:1])
    three = hold(
        wp, [{"surname": f"Persoon{n}", "date_of_birth": date(1990, 1, n)} for n in (1, 2, 3)]
    )
    for meeting in (one, three):
        first = meeting.items.order_by("assessment__number_order").first()
        assert "<textarea" not in page(wp.uitvoerder, url_of(meeting))
        assert page(wp.uitvoerder, url_of(meeting, first.pk)).count("<textarea") == 1


def test_w7_opening_a_form_costs_no_queries(wp, meeting):
    client = verified_client(wp.uitvoerder)
    item = meeting.items.first()
    count_queries(client, url_of(meeting))  # the session and its caches settle
    assert count_queries(client, url_of(meeting, item.pk)) == count_queries(client, url_of(meeting))


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "1 OR 1=1", "999999"])
def test_w7_a_bad_value_opens_nothing_and_is_no_error(wp, meeting, value):
    shown = page(wp.uitvoerder, url_of(meeting, value))
    assert "<textarea" not in shown and shown.count("Bespreking vastleggen") == 3


def test_w7_an_item_of_another_meeting_opens_nothing(wp, meeting):
    other = hold(wp, [{"surname": "De Boer", "date_of_birth": date(1970, 6, 6)}])
    shown = page(wp.uitvoerder, url_of(meeting, other.items.get().pk))
    assert "<textarea" not in shown


@pytest.mark.parametrize("who", ["agent", "officier", "haarlemmer"])
def test_w7_s2_p8_who_sees_the_meeting_but_does_not_keep_it_gets_no_link_and_no_form(
    wp, meeting, who
):
    user = getattr(wp, who)
    item = meeting.items.first()
    for url in (url_of(meeting), url_of(meeting, item.pk)):
        shown = page(user, url)
        assert "<textarea" not in shown and 'name="item"' not in shown
        assert 'href="?vastleggen=' not in shown and "Bespreking vastleggen" not in shown
    # S2: the reading is logged on every dossier shown, as before.
    assert (
        AuditEntry.objects.get_for_object(item.assessment)
        .filter(action=AuditEntry.Action.ACCESS, actor=user)
        .exists()
    )
    response = verified_client(user).post(
        url_of(meeting), {"item": item.pk, f"item-{item.pk}-discussion": "Besproken."}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.discussion == ""


def test_w7_a_refused_save_shows_the_one_form_again_with_the_text_kept(wp, meeting):
    item = meeting.items.order_by("assessment__number_order").last()
    data = {"item": item.pk, f"item-{item.pk}-discussion": FORBIDDEN, f"item-{item.pk}-version": 1}
    response = verified_client(wp.uitvoerder).post(url_of(meeting), data)
    assert response.status_code == 200
    shown = response.content.decode()
    assert "mogen niet worden vastgelegd" in shown and FORBIDDEN in shown
    assert shown.count("<textarea") == 1 and f'name="item" value="{item.pk}"' in shown
    assert shown.count("Bespreking vastleggen") == 2
    item.refresh_from_db()
    assert item.discussion == ""


def test_w7_a_saved_discussion_returns_to_the_item_on_the_page(wp, meeting):
    item = meeting.items.first()
    data = {
        "item": item.pk,
        f"item-{item.pk}-discussion": "Besproken.",
        f"item-{item.pk}-version": 1,
    }
    response = verified_client(wp.uitvoerder).post(url_of(meeting), data)
    assert response.status_code == 302
    assert response["Location"] == f"{url_of(meeting)}#item-{item.pk}"
    item.refresh_from_db()
    assert item.discussion == "Besproken."
    shown = page(wp.uitvoerder, url_of(meeting))
    assert "Besproken." in shown and "<textarea" not in shown


def test_w7_b3_the_meeting_form_offers_no_archived_dossier(wp):
    """The service refuses an archived dossier on an agenda (B3), so the form does not offer it:
    an open dossier archived for lack of processing is not among the choices."""
    kept, archived = (
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person=person).assessment
        for person in PEOPLE[:2]
    )
    services.archive(archived, by=None)
    form = page(wp.uitvoerder, reverse("weegploeg:meeting-create"))
    assert kept.number in form and archived.number not in form
    response = verified_client(wp.uitvoerder).post(
        reverse("weegploeg:meeting-create"),
        {"held_on": "2026-11-20", "present": [wp.politie.pk], "assessments": [archived.pk]},
    )
    assert response.status_code == 200 and not archived.agenda_items.exists()


def test_issue13_w7_the_meeting_form_offers_each_dossier_by_number_and_name_as_a_row(wp):
    """The dossiers to put on the agenda are read as rows (`DossierChoiceField`), not as an
    assessment each (1,200 open ones of a Veiligheidshuis at national scale), and labelled
    "number – whole name"."""
    from weegploeg.models import Assessment

    person = {"given_names": "Jan", "prefix": "van der", "surname": "Berg"}
    dossier = signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person=person)
    with instances_built(Assessment) as built:
        form = page(wp.uitvoerder, reverse("weegploeg:meeting-create"))
    assert f"{dossier.assessment.number} – Jan van der Berg</label>" in form
    assert built == []


# --- issue 13: the agenda a page at a time -------------------------------------------------------


@pytest.fixture
def two_a_page(monkeypatch):
    """Two agenda items a page, so that the three of `meeting` take two pages."""
    monkeypatch.setattr("weegploeg.views.meetings.PAGE_SIZE", 2)


def ordered_items(meeting):
    return list(meeting.items.order_by("assessment__number_order", "pk"))


def test_w7_s2_the_agenda_shows_a_page_of_items_and_logs_only_those(wp, meeting, two_a_page):
    first, second, third = ordered_items(meeting)
    shown = page(wp.agent, url_of(meeting))
    assert f'id="item-{first.pk}"' in shown and f'id="item-{second.pk}"' in shown
    assert f'id="item-{third.pk}"' not in shown
    assert 'rel="next" href="?page=2"' in shown and "Pagina 1 van 2" in shown
    AuditEntry.objects.filter(actor=wp.agent).delete()
    shown = page(wp.agent, f"{url_of(meeting)}?page=2")
    assert f'id="item-{third.pk}"' in shown and f'id="item-{first.pk}"' not in shown
    # S2: an access entry for each dossier shown, and for no other.
    read = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=wp.agent)
    assert set(read.values_list("object_id", flat=True)) == {third.assessment_id}


def test_w7_every_page_of_the_agenda_costs_the_same_queries(wp, meeting, two_a_page):
    client = verified_client(wp.uitvoerder)
    count_queries(client, url_of(meeting))  # the session and its caches settle
    assert count_queries(client, f"{url_of(meeting)}?page=2") == count_queries(
        client, url_of(meeting)
    )


def test_w7_a_form_opened_on_a_later_page_stays_on_that_page(wp, meeting, two_a_page):
    first, _second, third = ordered_items(meeting)
    later = f"{url_of(meeting)}?page=2"
    assert f'href="?page=2&amp;vastleggen={third.pk}"' in page(wp.uitvoerder, later)
    shown = page(wp.uitvoerder, f"{later}&vastleggen={third.pk}")
    assert shown.count("<textarea") == 1 and f'name="item" value="{third.pk}"' in shown
    assert f'href="{later}#item-{third.pk}">Annuleren</a>' in shown
    # An item of another page opens nothing here.
    assert "<textarea" not in page(wp.uitvoerder, f"{later}&vastleggen={first.pk}")
    data = {
        "item": third.pk,
        f"item-{third.pk}-discussion": "Besproken.",
        f"item-{third.pk}-version": 1,
    }
    response = verified_client(wp.uitvoerder).post(f"{later}&vastleggen={third.pk}", data)
    assert response.status_code == 302
    assert response["Location"] == f"{later}#item-{third.pk}"
    third.refresh_from_db()
    assert third.discussion == "Besproken."
