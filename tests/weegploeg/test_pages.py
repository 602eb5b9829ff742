"""The weegploeg pages: W1, W3, W4, W5, W7, P7, B1, C8 and S2 in the browser pages. Who may see
and keep the file, and who gets 404 (never 403); the intake with its duplicate warning; the
analysis, decision, reopening, check and meeting; access entries; queries that do not grow
with the rows."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rights.models import DutyToInform
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.queries import count_queries
from tests.weegploeg.factories import analyse, declared, framework, full_dossier, signal
from weegploeg import services
from weegploeg.constants import AssessmentStatus, CheckOutcome, Finding, Outcome
from weegploeg.models import AgendaItem, Analysis, Assessment, Check, Meeting, Signal

pytestmark = pytest.mark.django_db

FORBIDDEN = "Betrokkene van Marokkaanse afkomst deelde filmpjes."


wp_built, wp = per_module(lambda: declared(kennemerland()), name="wp")


@pytest.fixture
def assessment(wp):
    return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment


def dossier_url(name, assessment):
    return reverse(f"weegploeg:{name}", kwargs={"number": assessment.number})


def intake(wp, **overrides):
    return {
        "given_names": "Piet",
        "prefix": "",
        "surname": "Jansen",
        "date_of_birth": "1990-05-17",
        "bsn": "",
        "street": "Grote Markt",
        "house_number": "117b",
        "postcode": "2011RD",
        "municipality": "Haarlem",
        "municipality_code": "0392",
        "brought_by": wp.politie.pk,
        "behaviour": "Deelde filmpjes die geweld verheerlijken.",
        "observed_on": "2026-11-01",
        "reporter_name": "Wijkagent de Vries",
        "reporter_contact": "06-12345678",
        **overrides,
    }


# U1: the parts of the dossier page, each its own URL.
DOSSIER_PARTS = [
    "assessment-detail",
    "assessment-signals",
    "assessment-analysis",
    "assessment-meetings",
    "assessment-history",
]
DOSSIER_PAGES = [
    *DOSSIER_PARTS,
    "analysis-create",
    "information-create",
    "advice-create",
    "decision-create",
    "reopen",
    "check-create",
]
FILE_PAGES = [
    "weegploeg:assessment-list",
    "weegploeg:signal-create",
    "weegploeg:check-queue",
    "weegploeg:meeting-list",
    "weegploeg:meeting-create",
]


# --- W4, P7: who sees the file ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["agent", "officier", "haarlemmer", "uitvoerder"])
def test_w4_p7_politie_om_the_right_gemeente_and_the_uitvoerder_see_the_dossier(
    wp, assessment, who
):
    client = verified_client(getattr(wp, who))
    page = client.get(dossier_url("assessment-detail", assessment))
    assert page.status_code == 200
    assert "Jansen" in page.content.decode()
    listed = client.get(reverse("weegploeg:assessment-list")).content.decode()
    assert assessment.number in listed


def test_w4_p7_a_gemeente_of_another_municipality_does_not_see_the_dossier(wp, assessment):
    client = verified_client(wp.zandvoorter)
    assert client.get(dossier_url("assessment-detail", assessment)).status_code == 404
    listed = client.get(reverse("weegploeg:assessment-list"))
    assert listed.status_code == 200
    assert assessment.number not in listed.content.decode()
    assert "Jansen" not in listed.content.decode()


@pytest.mark.parametrize("who", ["raad", "partner"])
def test_w4_p7_casuspartijen_and_external_partners_get_404_on_every_page(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    for name in FILE_PAGES:
        assert client.get(reverse(name)).status_code == 404, name
    for name in DOSSIER_PAGES:
        assert client.get(dossier_url(name, assessment)).status_code == 404, name
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie],
        assessments=[assessment],
    )
    url = reverse("weegploeg:meeting-detail", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["zandvoorter", "raad", "partner"])
def test_w4_p7_a_dossier_that_does_not_exist_looks_the_same_as_one_not_shown(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    missing = client.get(reverse("weegploeg:assessment-detail", kwargs={"number": "W-1999-99999"}))
    hidden = client.get(dossier_url("assessment-detail", assessment))
    assert missing.status_code == hidden.status_code == 404

    def normalised(response):
        # Only the CSRF token and the requested path (in the language switch) may differ.
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return re.sub(r"W-\d{4}-\d{5}", "W-number", page)

    assert normalised(missing) == normalised(hidden)


@pytest.mark.parametrize("who", ["agent", "officier", "haarlemmer"])
def test_w4_kernpartij_members_read_only_no_change_page_and_no_edit_buttons(wp, assessment, who):
    client = verified_client(getattr(wp, who))
    page = client.get(dossier_url("assessment-detail", assessment)).content.decode()
    assert 'data-testid="actions"' not in page
    assert dossier_url("analysis-create", assessment) not in page
    for name in DOSSIER_PAGES[len(DOSSIER_PARTS) :]:
        assert client.get(dossier_url(name, assessment)).status_code == 404, name
    for name in ("weegploeg:check-queue", "weegploeg:meeting-create"):
        assert client.get(reverse(name)).status_code == 404, name
    response = client.post(
        dossier_url("check-create", assessment), {"outcome": CheckOutcome.CORRECT}
    )
    assert response.status_code == 404
    assert not Check.objects.exists()


def test_w4_the_uitvoerder_sees_the_edit_buttons(wp, assessment):
    framework()
    page = verified_client(wp.uitvoerder).get(dossier_url("assessment-detail", assessment))
    assert dossier_url("analysis-create", assessment) in page.content.decode()


def test_w4_the_dossier_page_shows_everything_in_the_file(wp):
    dossier = full_dossier(wp)
    assessment = dossier[Assessment]
    client = verified_client(wp.officier)
    text = "".join(
        client.get(dossier_url(part, assessment)).content.decode() for part in DOSSIER_PARTS
    )
    for expected in (
        "Deelde filmpjes die geweld verheerlijken.",
        "Wijkagent de Vries",
        "Uitingen die geweld rechtvaardigen",
        "Uit de signalen blijkt dit.",
        "Aanvullende informatie over Piet Jansen.",
        "Hoe zwaar wegen deze uitingen?",
        "Onvoldoende substantieel voor Piet Jansen.",
        "Nieuw signaal.",
        "Piet Jansen besproken.",
        "v1",
    ):
        assert expected in text, expected


# --- S2: reads are logged ---------------------------------------------------------------------


def test_s2_viewing_a_dossier_writes_an_access_entry_with_actor_and_party(wp, assessment):
    assert verified_client(wp.agent).get(dossier_url("assessment-detail", assessment)).status_code
    entry = AuditEntry.objects.get_for_object(assessment).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == wp.agent
    assert entry.actor_party == wp.politie


def test_s2_a_refused_view_writes_no_access_entry(wp, assessment):
    verified_client(wp.zandvoorter).get(dossier_url("assessment-detail", assessment))
    entries = AuditEntry.objects.get_for_object(assessment)
    assert not entries.filter(action=AuditEntry.Action.ACCESS).exists()


# --- W1: intake -------------------------------------------------------------------------------


def test_w1_the_uitvoerder_enters_a_signal_for_a_new_person(wp):
    client = verified_client(wp.uitvoerder)
    assert client.get(reverse("weegploeg:signal-create")).status_code == 200
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, brought_by=wp.om.pk))
    assessment = Assessment.objects.get()
    assert response["Location"] == dossier_url("assessment-detail", assessment)
    entered = assessment.signals.get()
    assert entered.brought_by == wp.om and entered.entered_by == wp.uitvoerder
    assert assessment.surname == "Jansen" and assessment.municipality_code == "0392"


def test_w1_a_known_person_gives_a_warning_and_no_silent_duplicate(wp, assessment):
    client = verified_client(wp.uitvoerder)
    data = intake(wp, given_names="PIET", behaviour="Nieuw gedrag gezien.")
    response = client.post(reverse("weegploeg:signal-create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="duplicates"' in page
    assert assessment.number in page and "Jansen" in page
    assert 'value="Nieuw gedrag gezien."' in page or "Nieuw gedrag gezien." in page
    assert Assessment.objects.count() == 1 and Signal.objects.count() == 1


def test_w1_the_uitvoerder_confirms_a_new_dossier_for_another_person(wp, assessment):
    client = verified_client(wp.uitvoerder)
    data = intake(wp, target="new", shown=assessment.number)
    response = client.post(reverse("weegploeg:signal-create"), data)
    created = Assessment.objects.exclude(pk=assessment.pk).get()
    assert response["Location"] == dossier_url("assessment-detail", created)


def test_w1_the_uitvoerder_adds_the_signal_to_the_existing_dossier(wp, assessment):
    client = verified_client(wp.uitvoerder)
    data = intake(wp, brought_by=wp.om.pk, target=assessment.number, shown=assessment.number)
    response = client.post(reverse("weegploeg:signal-create"), data)
    assert response["Location"] == dossier_url("assessment-detail", assessment)
    assert Assessment.objects.count() == 1
    assert set(assessment.signals.values_list("brought_by", flat=True)) == {
        wp.politie.pk,
        wp.om.pk,
    }


def test_w1_a_confirmation_for_other_dossiers_than_found_now_warns_again(wp, assessment):
    client = verified_client(wp.uitvoerder)
    data = intake(wp, target="new", shown="W-1999-00001")
    response = client.post(reverse("weegploeg:signal-create"), data)
    assert response.status_code == 200
    assert 'data-testid="duplicates"' in response.content.decode()
    assert Assessment.objects.count() == 1


def test_w1_a_kernpartij_member_enters_a_signal_for_their_own_party_only(wp):
    client = verified_client(wp.officier)
    form = client.get(reverse("weegploeg:signal-create")).content.decode()
    assert wp.om.name in form and wp.politie.name not in form
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, brought_by=wp.politie.pk))
    assert response.status_code == 302
    entered = Signal.objects.get()
    assert entered.brought_by == wp.om and entered.entered_by == wp.officier


def test_w1_p7_a_member_is_warned_only_about_dossiers_they_may_see(wp, assessment):
    # The agent (politie) sees every dossier of the region: warned.
    seen = verified_client(wp.agent).post(reverse("weegploeg:signal-create"), intake(wp))
    assert seen.status_code == 200 and assessment.number in seen.content.decode()
    # Zandvoort may not see the Haarlem dossier: nothing about it is shown.
    client = verified_client(wp.zandvoorter)
    response = client.post(
        reverse("weegploeg:signal-create"), intake(wp, brought_by=wp.zandvoort.pk), follow=True
    )
    page = response.content.decode()
    assert assessment.number not in page and 'data-testid="duplicates"' not in page
    created = Assessment.objects.exclude(pk=assessment.pk).get()
    assert created.signals.get().brought_by == wp.zandvoort


@pytest.mark.parametrize("who", ["raad", "partner"])
def test_w1_casuspartijen_and_partners_cannot_post_a_signal(wp, who):
    client = verified_client(getattr(wp, who))
    response = client.post(reverse("weegploeg:signal-create"), intake(wp))
    assert response.status_code == 404
    assert not Signal.objects.exists()


def test_c8_a_refused_signal_shows_the_rule_and_keeps_the_typed_text(wp):
    client = verified_client(wp.uitvoerder)
    response = client.post(reverse("weegploeg:signal-create"), intake(wp, behaviour=FORBIDDEN))
    assert response.status_code == 200
    page = response.content.decode()
    assert "mogen niet worden vastgelegd" in page
    assert FORBIDDEN in page
    assert 'id="id_behaviour_error"' in page
    assert 'value="Wijkagent de Vries"' in page
    assert not Assessment.objects.exists()


# --- W2, W3: analysis, decision, reopening ----------------------------------------------------


def analysis_data(version, **overrides):
    data = {"summary": "Samenvatting."}
    for criterion in version.criteria.all():
        data[f"finding_{criterion.pk}"] = Finding.MET
        data[f"explanation_{criterion.pk}"] = f"Toelichting {criterion.code}."
    return {**data, **overrides}


def test_w2_the_uitvoerder_records_the_analysis_per_criterion(wp, assessment):
    version = framework()
    client = verified_client(wp.uitvoerder)
    form = client.get(dossier_url("analysis-create", assessment)).content.decode()
    assert "Uitingen die geweld rechtvaardigen" in form
    response = client.post(dossier_url("analysis-create", assessment), analysis_data(version))
    assert response["Location"] == dossier_url("assessment-analysis", assessment)
    analysis = Analysis.objects.get()
    assert analysis.framework == version and analysis.findings.count() == 2
    assert (
        "Toelichting R2."
        in client.get(dossier_url("assessment-analysis", assessment)).content.decode()
    )


def test_c8_a_refused_explanation_shows_on_its_criterion_and_keeps_the_input(wp, assessment):
    version = framework()
    first = version.criteria.first()
    client = verified_client(wp.uitvoerder)
    response = client.post(
        dossier_url("analysis-create", assessment),
        analysis_data(version, **{f"explanation_{first.pk}": FORBIDDEN}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_explanation_{first.pk}_error"' in page and FORBIDDEN in page
    assert not Analysis.objects.exists()


def decision_data(wp, **overrides):
    return {
        "outcome": Outcome.AGENDEREN,
        "reasons": "Signalen wegen zwaar.",
        "decided_on": "2026-11-20",
        "advice_to_driehoek": "Agenderen in het casusoverleg.",
        "advised_parties": [wp.rvdk.pk],
        "confirm": "on",
        **overrides,
    }


def test_w3_i1_the_decision_makes_the_assessment_read_only_and_starts_the_duty(wp, assessment):
    analyse(assessment, by=wp.uitvoerder)
    client = verified_client(wp.uitvoerder)
    assert client.get(dossier_url("decision-create", assessment)).status_code == 200
    response = client.post(dossier_url("decision-create", assessment), decision_data(wp))
    assert response["Location"] == dossier_url("assessment-analysis", assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED
    decision = assessment.decisions.get()
    assert list(decision.advised_parties.all()) == [wp.rvdk]
    assert DutyToInform.objects.filter(
        dossier_key=assessment.number, responsible_party=wp.politie
    ).exists()
    # Every change page now refuses, by GET and by POST, until the assessment is reopened.
    for name in ("analysis-create", "information-create", "advice-create", "decision-create"):
        refused = client.get(dossier_url(name, assessment))
        assert refused["Location"] == dossier_url("assessment-detail", assessment), name
    client.post(dossier_url("analysis-create", assessment), {"summary": "x"})
    client.post(dossier_url("decision-create", assessment), decision_data(wp))
    assert Analysis.objects.count() == 1 and assessment.decisions.count() == 1
    page = client.get(dossier_url("assessment-detail", assessment)).content.decode()
    assert dossier_url("reopen", assessment) in page
    assert dossier_url("analysis-create", assessment) not in page


def test_w3_a_decision_without_confirmation_is_refused_and_keeps_the_input(wp, assessment):
    analyse(assessment, by=wp.uitvoerder)
    client = verified_client(wp.uitvoerder)
    response = client.post(
        dossier_url("decision-create", assessment), decision_data(wp, confirm="")
    )
    assert response.status_code == 200
    assert "Signalen wegen zwaar." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN


def test_w3_a_service_refusal_shows_on_the_field(wp, assessment):
    analyse(assessment, by=wp.uitvoerder)
    client = verified_client(wp.uitvoerder)
    response = client.post(
        dossier_url("decision-create", assessment), decision_data(wp, advice_to_driehoek="")
    )
    assert response.status_code == 200
    assert 'id="id_advice_to_driehoek_error"' in response.content.decode()
    assert not assessment.decisions.exists()


def test_w3_the_uitvoerder_reopens_with_a_reason(wp, assessment):
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende.",
        decided_on=date(2026, 11, 20),
    )
    client = verified_client(wp.uitvoerder)
    unconfirmed = client.post(dossier_url("reopen", assessment), {"reason": "Nieuw signaal."})
    assert unconfirmed.status_code == 200
    response = client.post(
        dossier_url("reopen", assessment), {"reason": "Nieuw signaal.", "confirm": "on"}
    )
    assert response["Location"] == dossier_url("assessment-analysis", assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN
    assert assessment.decisions.get().reopening_reason == "Nieuw signaal."
    assert client.get(dossier_url("analysis-create", assessment)).status_code == 200
    # An open assessment has nothing to reopen.
    assert client.get(dossier_url("reopen", assessment)).status_code == 302


def test_w3_information_and_expert_advice_are_recorded(wp, assessment):
    client = verified_client(wp.uitvoerder)
    client.post(
        dossier_url("information-create", assessment),
        {"party": wp.om.pk, "gathered_on": "2026-11-02", "content": "Informatie van het OM."},
    )
    client.post(
        dossier_url("advice-create", assessment),
        {"adviser": "NCTV", "asked_on": "2026-11-03", "question": "Hoe zwaar?", "advice": ""},
    )
    assert assessment.additional_information.get().party == wp.om
    assert assessment.expert_advice.get().adviser == "NCTV"


# --- B1 ---------------------------------------------------------------------------------------


def test_b1_a_change_through_a_page_updates_the_last_processing_date(wp, assessment):
    before = assessment.last_processed_at
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        verified_client(wp.uitvoerder).post(
            dossier_url("advice-create", assessment),
            {"adviser": "NCTV", "asked_on": "2026-11-03", "question": "Hoe zwaar?"},
        )
    assessment.refresh_from_db()
    assert assessment.last_processed_at > before


# --- W5: the check queue ----------------------------------------------------------------------


def test_w5_the_check_queue_lists_unchecked_assessments_and_a_check_removes_them(
    wp, assessment, settings
):
    settings.WEEGPLOEG_CHECK_DAYS = 90
    queue = reverse("weegploeg:check-queue")
    assert assessment.number not in verified_client(wp.uitvoerder).get(queue).content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        client = verified_client(wp.uitvoerder)
        assert assessment.number in client.get(queue).content.decode()
        refused = client.post(
            dossier_url("check-create", assessment), {"outcome": CheckOutcome.CORRECTED}
        )
        assert refused.status_code == 200
        assert 'id="id_correction_error"' in refused.content.decode()
        response = client.post(
            dossier_url("check-create", assessment),
            {"outcome": CheckOutcome.CORRECTED, "correction": "Postcode verbeterd."},
        )
        assert response["Location"] == dossier_url("assessment-history", assessment)
        check = Check.objects.get()
        assert check.checked_by == wp.uitvoerder and check.correction == "Postcode verbeterd."
        assert assessment.number not in client.get(queue).content.decode()


# --- W7: meetings -----------------------------------------------------------------------------


def test_w7_the_uitvoerder_holds_a_meeting_and_records_the_discussion(wp, assessment):
    client = verified_client(wp.uitvoerder)
    form = client.get(reverse("weegploeg:meeting-create")).content.decode()
    assert assessment.number in form and wp.rvdk.name not in form
    response = client.post(
        reverse("weegploeg:meeting-create"),
        {
            "held_on": "2026-11-20",
            "present": [wp.politie.pk, wp.om.pk],
            "assessments": [assessment.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("weegploeg:meeting-detail", kwargs={"pk": meeting.pk})
    assert set(meeting.present.all()) == {wp.politie, wp.om}
    item = AgendaItem.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert assessment.number in page
    assert "20-11-2026" in client.get(reverse("weegploeg:meeting-list")).content.decode()

    refused = client.post(
        response["Location"],
        {"item": item.pk, f"item-{item.pk}-discussion": FORBIDDEN, f"item-{item.pk}-version": 1},
    )
    assert refused.status_code == 200
    shown = refused.content.decode()
    assert "mogen niet worden vastgelegd" in shown and FORBIDDEN in shown
    client.post(
        response["Location"],
        {
            "item": item.pk,
            f"item-{item.pk}-discussion": "Besproken; analyse volgt.",
            f"item-{item.pk}-version": 1,
        },
    )
    item.refresh_from_db()
    assert item.discussion == "Besproken; analyse volgt."
    entries = AuditEntry.objects.get_for_object(assessment)
    assert entries.filter(action=AuditEntry.Action.ACCESS, actor=wp.uitvoerder).exists()


def test_w7_a_meeting_with_a_casuspartij_present_is_refused(wp, assessment):
    client = verified_client(wp.uitvoerder)
    response = client.post(
        reverse("weegploeg:meeting-create"),
        {"held_on": "2026-11-20", "present": [wp.rvdk.pk], "assessments": [assessment.pk]},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


# --- navigation -------------------------------------------------------------------------------


def test_u2_the_weegploeg_is_in_the_menu_of_kernpartijen_and_uitvoerders_only(wp):
    link = reverse("weegploeg:assessment-list")
    for user in (wp.agent, wp.zandvoorter, wp.uitvoerder):
        assert link in verified_client(user).get("/").content.decode()
    for user in (wp.raad, wp.partner):
        assert link not in verified_client(user).get("/").content.decode()
    dashboard = verified_client(wp.uitvoerder).get("/").content.decode()
    assert reverse("weegploeg:check-queue") in dashboard
    assert reverse("weegploeg:signal-create") in dashboard


# --- queries do not grow with the rows --------------------------------------------------------


def _queries(client, path):
    return count_queries(client, path)


def _people(wp, start, stop):
    for n in range(start, stop):
        entered = signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=wp.region,
            person={"surname": f"Persoon{n}"},
        )
        analyse(entered.assessment, by=wp.uitvoerder)


def test_w4_the_assessment_list_queries_the_same_with_5_or_50_rows(wp):
    client = verified_client(wp.uitvoerder)
    _people(wp, 0, 5)
    few = _queries(client, reverse("weegploeg:assessment-list"))
    _people(wp, 5, 50)
    assert _queries(client, reverse("weegploeg:assessment-list")) == few


def test_w4_the_dossier_page_queries_the_same_with_5_or_50_rows(wp, assessment):
    client = verified_client(wp.officier)

    def more(count):
        for _ in range(count):
            signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
            services.add_information(
                assessment,
                by=wp.uitvoerder,
                party=wp.om,
                gathered_on=date(2026, 11, 2),
                content="Meer informatie.",
            )
            services.record_check(assessment, by=wp.uitvoerder, outcome=CheckOutcome.CORRECT)

    more(4)
    analyse(assessment, by=wp.uitvoerder)
    few = _queries(client, dossier_url("assessment-detail", assessment))
    more(45)
    analyse(assessment, by=wp.uitvoerder)
    assert _queries(client, dossier_url("assessment-detail", assessment)) == few


@pytest.mark.parametrize("published", [True, False])
def test_issue13_the_next_steps_of_the_page_read_with_the_assessment_are_those_asked_apart(
    wp, published
):
    """`selectors.get_assessment_page` reads whether a referentiekader is published with the
    assessment; `next_steps` offers the analysis from it as from asking apart (W2, U3)."""
    from weegploeg import next_steps, selectors
    from weegploeg.models import FrameworkVersion

    open_one = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analysed = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(analysed, by=wp.uitvoerder)
    if not published:
        FrameworkVersion.objects.update(published_at=None)
    for assessment in (open_one, analysed):
        for user in (wp.uitvoerder, wp.agent):
            page = selectors.get_assessment_page(user, assessment.number)
            assert page.framework_published is published
            with_page = next_steps.dossier_state(user, page)
            apart = next_steps.dossier_state(user, Assessment.objects.get(pk=assessment.pk))
            assert with_page.keys == apart.keys
            assert with_page.next_step == apart.next_step
            assert (next_steps.ANALYSE in with_page.keys) is (published and user == wp.uitvoerder)
