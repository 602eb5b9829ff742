"""I1-I4, U1, U3: the pages of the duty to inform: the list with its filters, the duty's page
and its steps, the letter download, the dashboard panel; both sides of every permission."""

from datetime import date, timedelta

import pytest

from rights.constants import DutyState, SendingMeans
from rights.models import DutyToInform, LegalGround, Letter, Postponement
from rights.services import duties as services
from security.models import AuditEntry
from tests.clock import NOW
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.duty_fixtures import DutyWorld, bare_duty
from tests.rights.pdf_text import pdf_text
from tests.security.panels import is_empty, items, overdue, panel
from tests.weegploeg.factories import PERSON

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

TODAY = date(2026, 12, 1)
LIST = "/rechten/informatieplichten/"


world_built, world = per_module(lambda: DutyWorld(kennemerland()), name="world", at=NOW)


def page(pk, step=""):
    return f"{LIST}{pk}/{step}"


def test_u3_i1_the_list_shows_the_duty_to_its_party_and_the_keeper_only(world):
    for user in (world.agent, world.keeper, world.reader):
        response = verified_client(user).get(LIST)
        assert response.status_code == 200
        assert f'data-testid="duty-{world.duty.pk}"' in response.content.decode()
    response = verified_client(world.officier).get(LIST)
    assert response.status_code == 200
    assert f"duty-{world.duty.pk}" not in response.content.decode()
    assert "Er zijn geen informatieplichten voor u." in response.content.decode()
    # who works in no file at all does not reach the list
    assert verified_client(world.beheerder).get(LIST).status_code == 404


def test_u3_the_list_shows_no_names(world):
    content = verified_client(world.keeper).get(LIST).content.decode()
    assert world.decided.number in content
    assert PERSON["surname"] not in content


def test_u3_i2_the_list_filters_on_state_overdue_and_file(world, clock):
    related = world.related_duty()

    def shown(query):
        content = verified_client(world.keeper).get(LIST + query).content.decode()
        return {pk for pk in (world.duty.pk, related.pk) if f"duty-{pk}" in content}

    assert shown("") == {world.duty.pk, related.pk}
    assert shown(f"?file={world.ico_file.pk}") == {related.pk}
    assert shown("?state=postponed") == set()
    assert shown("?overdue=on") == set()
    clock.move_to("2026-12-25 10:00 +01:00")  # the outcome duty was due on 20 December
    assert shown("?overdue=on") == {world.duty.pk}
    content = verified_client(world.keeper).get(LIST + "?state=informed").content.decode()
    assert "Geen informatieplichten voldoen aan de filters." in content


def test_u2_the_duty_list_puts_open_duties_first_by_date_and_sorts(world, clock):
    """U2: duties to inform and postponed ones before those done, then by the date due; every
    sortable column both ways; a result count."""
    done = DutyToInform.objects.create(
        data_file=world.weegploeg_file,
        file_label="weegploeg",
        dossier_key="X-done",
        occasion="closing",
        started_on=TODAY,
        due_on=TODAY - timedelta(days=5),
        state=DutyState.INFORMED,
    )
    soon = DutyToInform.objects.create(
        data_file=world.weegploeg_file,
        file_label="weegploeg",
        dossier_key="X-soon",
        occasion="closing",
        started_on=TODAY,
        due_on=TODAY + timedelta(days=1),
    )
    client = verified_client(world.keeper)
    listed = client.get(LIST)
    order = [duty.pk for duty in listed.context["duties"]]
    assert order == [soon.pk, world.duty.pk, done.pk]
    assert "3 resultaten" in listed.content.decode()
    by_dossier = client.get(LIST + "?sort=-dossier")
    keys = [duty.dossier_key for duty in by_dossier.context["duties"]]
    assert keys == sorted(keys, reverse=True)


def test_u3_the_list_is_paginated(world):
    for number in range(30):
        bare_duty(
            world.weegploeg_file, f"X-{number}", day=TODAY, due_on=TODAY + timedelta(days=number)
        )
    client = verified_client(world.keeper)
    first = client.get(LIST).content.decode()
    assert "Pagina 1 van 2" in first and "31 resultaten" in first
    assert client.get(LIST + "?page=2").status_code == 200


def test_u3_the_duty_page_shows_whom_to_inform_and_is_a_logged_read(world):
    response = verified_client(world.agent).get(page(world.duty.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert f"{PERSON['given_names']} {PERSON['surname']}" in content
    assert 'data-testid="actions"' in content
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, dossier_key=world.decided.number, actor=world.agent
    ).latest("timestamp")
    assert entry.file_label == "weegploeg" and entry.additional_data == {"read": "detail"}


def test_u3_the_duty_page_is_404_for_who_may_not_see_it_and_reader_gets_no_actions(world):
    for user in (world.officier, world.wp.raad):
        assert verified_client(user).get(page(world.duty.pk)).status_code in (404,)
    content = verified_client(world.reader).get(page(world.duty.pk)).content.decode()
    assert 'data-testid="actions"' not in content


def test_u3_i2_postpone_on_the_page_and_renew_keeping_every_one(world):
    client = verified_client(world.agent)
    ground = LegalGround.objects.get(code="strafbare-feiten")
    data = {"ground": ground.pk, "reasons": "Lopend onderzoek.", "review_on": "2027-01-15"}
    response = client.post(page(world.duty.pk, "uitstellen/"), data)
    assert response.status_code == 302
    renewed = {**data, "reasons": "Onderzoek verlengd.", "review_on": "2027-03-01"}
    assert client.post(page(world.duty.pk, "uitstellen/"), renewed).status_code == 302
    content = client.get(page(world.duty.pk)).content.decode()
    assert "Lopend onderzoek." in content and "Onderzoek verlengd." in content
    assert Postponement.objects.filter(duty=world.duty).count() == 2


def test_u3_i2_a_refused_postponement_keeps_what_was_typed(world):
    client = verified_client(world.agent)
    ground = LegalGround.objects.get(code="strafbare-feiten")
    data = {"ground": ground.pk, "reasons": "Mijn getypte redenen.", "review_on": "2026-11-01"}
    response = client.post(page(world.duty.pk, "uitstellen/"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mijn getypte redenen." in content
    assert "moet in de toekomst liggen" in content
    assert not Postponement.objects.exists()


def test_u3_i1_informed_needs_the_confirmation(world):
    client = verified_client(world.agent)
    data = {"informed_on": "2026-12-01", "means": SendingMeans.HAND}
    response = client.post(page(world.duty.pk, "geinformeerd/"), data)
    assert response.status_code == 200
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.TO_INFORM
    response = client.post(page(world.duty.pk, "geinformeerd/"), {**data, "confirm": "on"})
    assert response.status_code == 302
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.INFORMED and world.duty.informed_by == world.agent


def test_u3_i1_not_required_needs_reasons_and_confirmation(world):
    client = verified_client(world.keeper)
    url = page(world.duty.pk, "niet-nodig/")
    assert client.post(url, {"reason": "Al op de hoogte."}).status_code == 200
    assert client.post(url, {"reason": "Al op de hoogte.", "confirm": "on"}).status_code == 302
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.NOT_REQUIRED


def test_u3_i3_the_ground_lapsed_on_the_page(world):
    services.postpone(
        world.duty,
        ground=LegalGround.objects.get(code="strafbare-feiten"),
        reasons="Lopend onderzoek.",
        review_on=TODAY + timedelta(days=9),
        by=world.agent,
    )
    client = verified_client(world.agent)
    assert client.post(page(world.duty.pk, "grond-vervallen/"), {"lapsed_on": "2026-12-01"})
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.TO_INFORM


def test_u3_the_steps_are_403_for_a_reader_and_404_for_an_outsider(world):
    steps = ("uitstellen/", "geinformeerd/", "niet-nodig/", "grond-vervallen/")
    for step in steps:
        assert verified_client(world.reader).get(page(world.duty.pk, step)).status_code == 403
        assert verified_client(world.officier).get(page(world.duty.pk, step)).status_code == 404
    assert verified_client(world.reader).post(page(world.duty.pk, "brief/")).status_code == 403
    assert verified_client(world.officier).post(page(world.duty.pk, "brief/")).status_code == 404
    assert not Letter.objects.exists()


def test_u3_i4_make_download_and_record_the_sending_of_the_letter(world):
    client = verified_client(world.agent)
    assert client.post(page(world.duty.pk, "brief/")).status_code == 302
    letter = Letter.objects.get(duty=world.duty)
    url = page(world.duty.pk, f"brieven/{letter.pk}/")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert PERSON["surname"] not in response["Content-Disposition"]
    assert PERSON["surname"] in pdf_text(response.content)
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, dossier_key=world.decided.number, actor=world.agent
    ).latest("timestamp")
    assert entry.additional_data == {"read": "export"}
    # the reader may read it, an outsider not
    assert verified_client(world.reader).get(url).status_code == 200
    assert verified_client(world.officier).get(url).status_code == 404
    sent = {"sent_on": "2026-12-01", "means": SendingMeans.POST, "confirm": "on"}
    assert verified_client(world.reader).post(f"{url}verzonden/", sent).status_code == 403
    assert client.post(f"{url}verzonden/", sent).status_code == 302
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.INFORMED


def test_u3_i4_a_letter_refused_shows_why(region):
    world = DutyWorld(region, settings=False)
    response = verified_client(world.agent).post(page(world.duty.pk, "brief/"), follow=True)
    assert "contactpersoon" in response.content.decode()


def test_u1_i2_the_dashboard_shows_due_and_overdue_duties(world, clock):
    """U1, I2: the panel names the dossier and what to do, with its deadline and a link straight
    to the duty; empty, it says so in one line; another party's member does not get it."""
    content = verified_client(world.keeper).get("/").content.decode()
    assert is_empty(content, "duties-due")
    assert "Er is geen informatieplicht die in de komende twee weken moet." in content
    clock.move_to("2026-12-10 10:00 +01:00")  # due on 20 December: within two weeks
    content = verified_client(world.keeper).get("/").content.decode()
    (shown,) = items(content, "duties-due")
    assert shown.startswith(f"{world.decided.number}: Informeer de betrokkene over de uitkomst")
    assert "20-12-2026" in shown and not overdue(content, "duties-due")
    assert f'href="/rechten/informatieplichten/{world.duty.pk}/"' in panel(content, "duties-due")
    clock.move_to("2026-12-25 10:00 +01:00")
    content = verified_client(world.agent).get("/").content.decode()
    (shown,) = items(content, "duties-due")
    assert "20-12-2026" in shown and overdue(content, "duties-due") == [shown]
    # another party's member: no panel
    content = verified_client(world.officier).get("/").content.decode()
    assert panel(content, "duties-due") is None
    assert f"rechten/informatieplichten/{world.duty.pk}/" not in content


def test_u1_i2_an_informed_duty_leaves_the_dashboard(world, clock):
    """U1: done work never appears on the dashboard."""
    clock.move_to("2026-12-25 10:00 +01:00")
    services.record_informed(
        world.duty, informed_on=date(2026, 12, 24), means=SendingMeans.POST, by=world.agent
    )
    content = verified_client(world.agent).get("/").content.decode()
    assert is_empty(content, "duties-due") and world.decided.number not in content


def test_u1_i2_a_postponement_past_its_review_date_is_overdue_on_list_and_dashboard(world, clock):
    services.postpone(
        world.duty,
        ground=LegalGround.objects.get(code="strafbare-feiten"),
        reasons="Lopend onderzoek.",
        review_on=TODAY + timedelta(days=3),
        by=world.agent,
    )
    client = verified_client(world.agent)
    assert f"duty-{world.duty.pk}" not in client.get(LIST + "?overdue=on").content.decode()
    clock.move_to("2026-12-05 10:00 +01:00")
    client = verified_client(world.agent)
    assert f"duty-{world.duty.pk}" in client.get(LIST + "?overdue=on").content.decode()
    dashboard = client.get("/").content.decode()
    (shown,) = overdue(dashboard, "duties-due")
    assert "Kijk opnieuw" in shown and "04-12-2026" in shown
