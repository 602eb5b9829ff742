"""The weegploeg as a workplace (U1, U2, U3, W1, W5, W7): the dossier's parts on their own URLs
on both sides of the permission, the next step as the primary action, what is not offered being
refused, the gemeente picked by name from the CBS list (page and API), the quick action for the
kernpartijen, and the dashboard panels."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from parties import municipalities
from parties.constants import Function
from tests.conftest import verified_client
from tests.factories import kennemerland, make_user
from tests.module_world import per_module
from tests.security.panels import codes_in
from tests.weegploeg.factories import analyse, declared, framework, signal
from tests.weegploeg.test_pages import DOSSIER_PARTS, _queries, dossier_url, intake
from weegploeg import next_steps, services
from weegploeg.constants import Outcome
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db


wp_built, wp = per_module(lambda: declared(kennemerland()), name="wp")


@pytest.fixture
def assessment(wp):
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment


def decide(wp, assessment, outcome=Outcome.NOT_SUBSTANTIAL):
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=outcome,
        reasons="Gewogen.",
        decided_on=timezone.localdate(),
        advice_to_driehoek="Bespreken." if outcome == Outcome.AGENDEREN else "",
    )
    assessment.refresh_from_db()


# --- U1: the parts of the dossier -------------------------------------------------------------


@pytest.mark.parametrize("who", ["agent", "officier", "haarlemmer", "uitvoerder"])
def test_u1_w4_every_part_opens_for_who_may_see_the_dossier_and_is_logged(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    for part in DOSSIER_PARTS:
        page = client.get(dossier_url(part, assessment))
        assert page.status_code == 200, part
        text = page.content.decode()
        assert 'aria-current="page"' in text and 'data-testid="summary"' in text
        assert "Jansen" in text  # the summary names the subject
    from security.models import AuditEntry

    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, dossier_key=assessment.number
    )
    assert reads.count() >= len(DOSSIER_PARTS)


@pytest.mark.parametrize("who", ["zandvoorter", "raad", "partner"])
def test_u1_w4_every_part_is_404_for_who_may_not_see_the_dossier(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    for part in DOSSIER_PARTS:
        assert client.get(dossier_url(part, assessment)).status_code == 404, part


def test_u1_a_part_names_the_dossier_in_its_breadcrumbs(wp, assessment):
    page = verified_client(wp.agent).get(dossier_url("assessment-signals", assessment))
    assert page.context["breadcrumbs"] == [
        {
            "label": f"Dossier {assessment.number}",
            "url": dossier_url("assessment-detail", assessment),
        }
    ]


@pytest.mark.parametrize("part", DOSSIER_PARTS)
def test_u1_each_part_queries_the_same_with_few_or_many_rows(wp, assessment, part):
    client = verified_client(wp.uitvoerder)
    analyse(assessment, by=wp.uitvoerder)
    services.record_check(assessment, by=wp.uitvoerder, outcome="correct")
    few = _queries(client, dossier_url(part, assessment))
    for _ in range(12):
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
        services.record_check(assessment, by=wp.uitvoerder, outcome="correct")
    analyse(assessment, by=wp.uitvoerder)
    assert _queries(client, dossier_url(part, assessment)) == few


# --- U3: the next step and what is offered ----------------------------------------------------


def primary(client, assessment) -> str:
    page = client.get(dossier_url("assessment-detail", assessment))
    state = page.context["state"]
    return state.primary.key if state.primary else ""


def test_u3_the_next_step_moves_from_analysis_to_agenda_to_decision(wp, assessment):
    framework()
    client = verified_client(wp.uitvoerder)
    assert primary(client, assessment) == next_steps.ANALYSE
    analyse(assessment, by=wp.uitvoerder)
    assert primary(client, assessment) == next_steps.AGENDEER
    services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=timezone.localdate() + timedelta(days=3),
        present=[wp.politie],
        assessments=[assessment],
    )
    # On a coming agenda already: agenderen is no longer the primary button, deciding is.
    assert primary(client, assessment) == next_steps.DECIDE
    state = client.get(dossier_url("assessment-detail", assessment)).context["state"]
    assert next_steps.AGENDEER in state.keys and state.primary.key != next_steps.AGENDEER
    decide(wp, assessment)
    assert primary(client, assessment) == ""
    assert next_steps.REOPEN in dossier_state_keys(client, assessment)


def dossier_state_keys(client, assessment):
    return client.get(dossier_url("assessment-detail", assessment)).context["state"].keys


def test_u3_decide_is_not_offered_before_an_analysis_and_its_form_refuses(wp, assessment):
    framework()
    client = verified_client(wp.uitvoerder)
    page = client.get(dossier_url("assessment-detail", assessment)).content.decode()
    assert dossier_url("decision-create", assessment) not in page
    response = client.get(dossier_url("decision-create", assessment))
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="Te vroeg.",
            decided_on=date(2026, 11, 20),
        )


def test_u3_no_analysis_is_offered_without_a_referentiekader(wp, assessment):
    client = verified_client(wp.uitvoerder)
    assert next_steps.ANALYSE not in dossier_state_keys(client, assessment)
    assert client.get(dossier_url("analysis-create", assessment)).status_code == 302


def test_u3_the_decision_offers_only_parties_of_the_region_and_the_service_agrees(
    wp, assessment, region
):
    from tests.factories import PartyFactory, VeiligheidshuisFactory

    other = PartyFactory(
        rvdk=True, name="RvdK elders", veiligheidshuizen=[VeiligheidshuisFactory()]
    )
    analyse(assessment, by=wp.uitvoerder)
    form = verified_client(wp.uitvoerder).get(dossier_url("decision-create", assessment))
    offered = set(form.context["form"].fields["advised_parties"].queryset)
    assert wp.rvdk in offered and other not in offered and wp.politie not in offered
    with pytest.raises(ValidationError) as refused:
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.AGENDEREN,
            reasons="Zwaar.",
            decided_on=date(2026, 11, 20),
            advice_to_driehoek="Bespreken.",
            advised_parties=[other],
        )
    assert "advised_parties" in refused.value.error_dict


def test_u3_kernpartij_members_see_the_next_step_but_no_actions(wp, assessment):
    page = verified_client(wp.agent).get(dossier_url("assessment-detail", assessment))
    text = page.content.decode()
    assert 'data-testid="next-step"' in text and 'data-testid="actions"' not in text


# --- W1: the gemeente by name -----------------------------------------------------------------


def test_w1_the_municipality_list_is_the_cbs_list():
    listed = municipalities.municipalities()
    assert len(listed) == 342
    assert municipalities.by_name("haarlem").code == "0392"
    assert municipalities.by_name("Den Haag").name == "'s-Gravenhage"
    assert municipalities.by_code("1992").name == "Voorne aan Zee"
    assert municipalities.by_name("Weesp") is None  # part of Amsterdam since 2022


def test_w1_the_intake_offers_the_gemeenten_by_name_and_derives_the_code(wp):
    client = verified_client(wp.uitvoerder)
    form = client.get(reverse("weegploeg:signal-create")).content.decode()
    assert 'list="gemeenten"' in form and '<option value="Zandvoort">' in form
    assert 'name="municipality_code"' not in form
    data = intake(wp, municipality="zandvoort")
    data.pop("municipality_code")
    response = client.post(reverse("weegploeg:signal-create"), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.municipality, assessment.municipality_code) == ("Zandvoort", "0473")


def test_w1_an_unknown_gemeente_is_refused_in_dutch_and_the_input_kept(wp):
    client = verified_client(wp.uitvoerder)
    data = intake(wp, municipality="Haarlemmerdijk")
    page = client.post(reverse("weegploeg:signal-create"), data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "is geen Nederlandse gemeente. Kies de gemeente uit de lijst." in text
    assert 'value="Haarlemmerdijk"' in text
    assert not Assessment.objects.exists()


def test_w1_the_api_refuses_an_unknown_municipality_code(wp):
    from tests.weegploeg.test_api import client_of, invalid_names, post, signal_body

    body = signal_body(wp)
    body["person"]["municipalityCode"] = "9999"
    params = invalid_names(post(client_of(wp, "agent"), "/api/v1/signalen", body))
    assert "person.municipalityCode" in params
    assert not Assessment.objects.exists()
    body["person"]["municipalityCode"] = "0392"
    assert post(client_of(wp, "agent"), "/api/v1/signalen", body).status_code == 201


def test_w1_the_help_text_says_what_not_to_record_without_codes(wp):
    form = verified_client(wp.agent).get(reverse("weegploeg:signal-create")).content.decode()
    assert "Leg geen ras, etniciteit of nationaliteit vast" in form
    # Read as the user reads it: a CSRF token in the markup may hold "C8" by chance.
    assert codes_in(form) == []


# --- U1: the quick action and the panels --------------------------------------------------------


def quick_actions(user):
    return verified_client(user).get("/").context["quick_actions"]


@pytest.mark.parametrize("who", ["agent", "officier"])
def test_u1_w1_politie_and_om_members_see_enter_a_signal(wp, who):
    labels = [str(action.label) for action in quick_actions(getattr(wp, who))]
    assert "Signaal invoeren" in labels
    page = verified_client(getattr(wp, who)).get("/").content.decode()
    assert reverse("weegploeg:signal-create") in page


@pytest.mark.parametrize("who", ["raad", "partner"])
def test_u1_w1_casuspartijen_and_partners_get_no_signal_action(wp, who):
    assert [
        a for a in quick_actions(getattr(wp, who)) if a.url_name == "weegploeg:signal-create"
    ] == []


def test_u1_w1_a_beheerder_gets_no_signal_action(wp):
    beheerder = make_user(wp.politie, Function.BEHEERDER, username="beheerder-x")
    assert [a for a in quick_actions(beheerder) if a.url_name == "weegploeg:signal-create"] == []


def panel_items(user, key):
    panels = verified_client(user).get("/").context["panels"]
    found = [p for p in panels if getattr(p["panel"], "key", "") == key]
    return [item for p in found for item in p["content"].items] if found else None


def test_u1_w5_w7_the_uitvoerder_sees_each_kind_of_due_item_and_no_decided_dossier(
    wp, settings, region
):
    framework()
    waiting = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
    analysed = signal(
        by=wp.agent, brought_by=wp.politie, region=region, person={"surname": "Visser"}
    ).assessment
    analyse(analysed, by=wp.uitvoerder)
    decided = signal(
        by=wp.agent, brought_by=wp.politie, region=region, person={"surname": "Bakker"}
    ).assessment
    decide(wp, decided)
    coming = timezone.localdate() + timedelta(days=5)
    services.hold_meeting(
        by=wp.uitvoerder,
        region=region,
        held_on=coming,
        present=[wp.politie],
        assessments=[analysed, decided],
    )
    settings.CHECK_DAYS = 0  # every dossier is due for its check

    analysis = panel_items(wp.uitvoerder, "weegploeg-analysis")
    assert [i.dossier for i in analysis] == [waiting.number]
    assert analysis[0].url == dossier_url("analysis-create", waiting)
    decision = panel_items(wp.uitvoerder, "weegploeg-decision")
    assert [(i.dossier, i.deadline) for i in decision] == [(analysed.number, coming)]
    assert decision[0].url == dossier_url("decision-create", analysed)
    meetings = panel_items(wp.uitvoerder, "weegploeg-meetings")
    assert [i.dossier for i in meetings] == [analysed.number]
    checks = panel_items(wp.uitvoerder, "weegploeg-checks")
    # W5: the check covers the whole file, decided dossiers too: the panel is the check queue.
    assert {i.dossier for i in checks} == {waiting.number, analysed.number, decided.number}
    assert all(
        i.url == dossier_url("check-create", Assessment.objects.get(number=i.dossier))
        for i in checks
    )
    for key in ("weegploeg-analysis", "weegploeg-decision", "weegploeg-meetings"):
        assert decided.number not in {i.dossier for i in panel_items(wp.uitvoerder, key)}, key


def test_u1_kernpartij_members_see_what_waits_for_a_decision_not_the_keepers_work(wp, region):
    framework()
    analysed = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
    analyse(analysed, by=wp.uitvoerder)
    decision = panel_items(wp.officier, "weegploeg-decision")
    assert [i.dossier for i in decision] == [analysed.number]
    assert decision[0].url == dossier_url("assessment-analysis", analysed)
    assert panel_items(wp.officier, "weegploeg-analysis") is None
    assert panel_items(wp.officier, "weegploeg-checks") is None
    # A gemeente of another municipality does not see the dossier, so not on its dashboard.
    assert panel_items(wp.zandvoorter, "weegploeg-decision") == []
    # A casuspartij has no weegploeg panel at all.
    assert panel_items(wp.raad, "weegploeg-decision") is None


def test_u1_an_empty_panel_says_so_in_one_line(wp):
    page = verified_client(wp.uitvoerder).get("/").content.decode()
    assert "Geen weging wacht op een analyse." in page


# --- U2: sorted lists with remembered filters ----------------------------------------------------


def test_u2_the_list_puts_open_before_decided_and_remembers_its_filter(wp, region):
    first = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
    decide(wp, first)
    second = signal(
        by=wp.agent, brought_by=wp.politie, region=region, person={"surname": "Visser"}
    ).assessment
    client = verified_client(wp.uitvoerder)
    listed = reverse("weegploeg:assessment-list")
    page = client.get(listed)
    assert [a.number for a in page.context["assessments"]] == [second.number, first.number]
    assert page.context["result_count"] == 2
    client.get(f"{listed}?status=decided&sort=-number")
    back = client.get(listed)
    assert back.status_code == 302 and "status=decided" in back["Location"]
    assert client.get(f"{listed}?filters=reset").status_code == 302
    assert client.get(listed).status_code == 200
    for name in ("weegploeg:check-queue", "weegploeg:meeting-list"):
        assert "result_count" in client.get(reverse(name)).context, name
