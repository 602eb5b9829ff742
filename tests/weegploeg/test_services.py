"""The i2o-weegploeg file: W1-W5, W7, I1, B1, C8, P7 through the services and the queryset."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from rights.models import DutyToInform
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, make_user
from tests.weegploeg.factories import (
    PERSON,
    analyse,
    beheerder_of,
    framework,
    signal,
)
from weegploeg import selectors, services
from weegploeg.constants import AssessmentStatus, CheckOutcome, Finding, Outcome
from weegploeg.permissions import get_visible_assessment, visible_assessments

pytestmark = pytest.mark.django_db


# --- W1 ---------------------------------------------------------------------------------------


def test_w1_a_kernpartij_member_enters_a_signal_for_their_own_party(wp):
    entered = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    assert entered.brought_by == wp.politie
    assert entered.reporter_name == "Wijkagent de Vries"
    assert entered.assessment.surname == "Jansen"
    assert entered.assessment.number.startswith("W-")


def test_w1_the_uitvoerder_enters_a_signal_on_behalf_of_a_kernpartij(wp):
    entered = signal(by=wp.uitvoerder, brought_by=wp.om, region=wp.region)
    assert entered.brought_by == wp.om and entered.entered_by == wp.uitvoerder


@pytest.mark.parametrize("who", ["raad", "partner"])
def test_w1_casuspartijen_and_partners_never_enter_signals(wp, who):
    user = getattr(wp, who)
    for party in (user.membership.party, wp.politie):
        with pytest.raises(PermissionDenied):
            signal(by=user, brought_by=party, region=wp.region)


def test_w1_a_member_does_not_enter_for_another_kernpartij(wp):
    with pytest.raises(PermissionDenied):
        signal(by=wp.agent, brought_by=wp.om, region=wp.region)


def test_w1_several_signals_gather_in_one_assessment(wp):
    first = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    second = signal(by=wp.officier, brought_by=wp.om, region=wp.region, assessment=first.assessment)
    assert second.assessment == first.assessment
    assert first.assessment.signals.count() == 2


def test_w1_identity_matching_finds_the_same_person(wp):
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person={"bsn": "111222333"})
    same_name = {**PERSON, "given_names": "PIET", "surname": "jansen"}
    assert services.possible_duplicates(wp.region, **same_name).count() == 1
    same_bsn = {**PERSON, "surname": "Anders", "bsn": "111222333"}
    assert services.possible_duplicates(wp.region, **same_bsn).count() == 1
    other = {**PERSON, "date_of_birth": date(1991, 5, 17)}
    assert services.possible_duplicates(wp.region, **other).count() == 0


# --- C8 ---------------------------------------------------------------------------------------


def test_c8_a_signal_naming_an_ethnicity_is_refused_and_nothing_is_stored(wp):
    with pytest.raises(ValidationError) as refused:
        signal(
            by=wp.agent,
            brought_by=wp.politie,
            region=wp.region,
            behaviour="Betrokkene van Marokkaanse afkomst deelde filmpjes.",
        )
    assert "nationalit" in str(refused.value)
    assert not visible_assessments(wp.agent).exists()


# --- W4, P7 -----------------------------------------------------------------------------------


def test_w4_p7_kernpartijen_of_the_region_see_the_assessment(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    for user in (wp.agent, wp.officier, wp.haarlemmer, wp.uitvoerder):
        assert get_visible_assessment(user, assessment.number) == assessment


@pytest.mark.parametrize("who", ["zandvoorter", "raad", "partner"])
def test_w4_p7_others_get_404_not_even_knowing_the_person_is_there(wp, who):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    user = getattr(wp, who)
    assert not visible_assessments(user).exists()
    with pytest.raises(Http404):
        get_visible_assessment(user, assessment.number)


def test_p7_politie_of_another_veiligheidshuis_sees_nothing(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    elsewhere = VeiligheidshuisFactory(code="zaanstreek-waterland")
    from tests.factories import PartyFactory

    other_politie = PartyFactory(name="Politie elders", veiligheidshuizen=[elsewhere])
    other_uitvoerder = make_user(
        PartyFactory(gemeente=True, veiligheidshuizen=[elsewhere]), "uitvoerder"
    )
    for user in (make_user(other_politie), other_uitvoerder):
        with pytest.raises(Http404):
            get_visible_assessment(user, assessment.number)


# --- W2, W3, I1 -------------------------------------------------------------------------------


def test_w2_findings_come_in_the_referentiekaders_order_however_they_were_recorded(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    version = framework(wp.uitvoerder)
    criteria = list(version.criteria.all())
    assert [criterion.code for criterion in criteria] == ["R1", "R2"]
    recorded = {c.pk: (Finding.MET, "Uit de signalen blijkt dit.") for c in reversed(criteria)}

    analysis = services.record_analysis(assessment, by=wp.uitvoerder, findings=recorded)

    assert [f.criterion.code for f in analysis.findings.all()] == ["R1", "R2"]
    client = verified_client(wp.uitvoerder)
    (listed,) = client.get("/api/v1/analyses").json()["results"]
    assert [f["criterionCode"] for f in listed["findings"]] == ["R1", "R2"]
    page = client.get(reverse("weegploeg:assessment-analysis", args=[assessment.number]))
    shown = page.content.decode()
    assert shown.index("R1 Uitingen") < shown.index("R2 Contacten")


def test_w2_an_old_analysis_keeps_the_version_it_used(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    first = analyse(assessment, by=wp.uitvoerder)
    newer = services.publish_framework(
        by=beheerder_of(wp.haarlem), criteria=[{"code": "N1", "title": "Nieuw criterium"}]
    )
    first.refresh_from_db()
    assert first.framework.number == 1
    assert [f.criterion.code for f in first.findings.all()] == ["R1", "R2"]
    second = services.record_analysis(
        assessment,
        by=wp.uitvoerder,
        findings={newer.criteria.get().pk: (Finding.NOT_MET, "Niet gebleken.")},
    )
    assert second.framework == newer


def test_w2_an_analysis_needs_a_finding_for_every_criterion(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    version = framework(wp.uitvoerder)
    one = version.criteria.first()
    with pytest.raises(ValidationError):
        services.record_analysis(
            assessment, by=wp.uitvoerder, findings={one.pk: (Finding.MET, "x")}
        )


def test_w3_i1_agendering_advises_the_driehoek_and_starts_the_duty_to_inform(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    signal(by=wp.officier, brought_by=wp.om, region=wp.region, assessment=assessment)
    analyse(assessment, by=wp.uitvoerder)
    decision = services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.AGENDEREN,
        reasons="Substantiële signalen.",
        decided_on=date(2026, 11, 20),
        advice_to_driehoek="Agenderen in het ICO Kennemerland.",
        advised_parties=[wp.rvdk, wp.extern],
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED
    assert set(decision.advised_parties.all()) == {wp.rvdk, wp.extern}
    # CTER 11.2: the kernpartij that brought the (first) signal informs, within a month.
    duty = DutyToInform.objects.get(file_label="weegploeg", dossier_key=assessment.number)
    assert duty.responsible_party == wp.politie
    assert duty.occasion == "outcome"
    assert (duty.started_on, duty.due_on) == (date(2026, 11, 20), date(2026, 12, 20))


def test_w3_a_decision_needs_an_analysis_and_advice_only_names_case_parties(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    with pytest.raises(ValidationError):
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="x",
            decided_on=date(2026, 11, 20),
        )
    analyse(assessment, by=wp.uitvoerder)
    with pytest.raises(ValidationError):
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.AGENDEREN,
            reasons="x",
            decided_on=date(2026, 11, 20),
            advice_to_driehoek="Agenderen.",
            advised_parties=[wp.politie],
        )


def test_w3_a_decided_assessment_changes_only_after_a_recorded_reopening(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende.",
        decided_on=date(2026, 11, 20),
    )
    with pytest.raises(ValidationError):
        signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)
    services.reopen(assessment, by=wp.uitvoerder, reason="Nieuw signaal van de politie.")
    decision = assessment.decisions.get()
    assert decision.reopened_by == wp.uitvoerder
    assert decision.reopening_reason == "Nieuw signaal van de politie."
    signal(by=wp.agent, brought_by=wp.politie, region=wp.region, assessment=assessment)


def test_w3_only_the_uitvoerder_of_the_region_decides(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    with pytest.raises(PermissionDenied):
        services.decide(
            assessment,
            by=wp.agent,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="x",
            decided_on=date(2026, 11, 20),
        )


# --- B1 ---------------------------------------------------------------------------------------


def test_b1_every_change_updates_the_last_processing_date(wp):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
        assert assessment.last_processed_at == start
        traveller.shift(timedelta(days=3))
        signal(by=wp.officier, brought_by=wp.om, region=wp.region, assessment=assessment)
        assessment.refresh_from_db()
        assert assessment.last_processed_at == start + timedelta(days=3)
        traveller.shift(timedelta(days=2))
        analyse(assessment, by=wp.uitvoerder)
        assessment.refresh_from_db()
        assert assessment.last_processed_at == start + timedelta(days=5)


# --- W5 ---------------------------------------------------------------------------------------


def test_w5_assessments_not_checked_for_some_days_queue_and_a_check_is_recorded(wp):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
        assert list(services.check_queue(wp.region, days=90)) == []
        traveller.shift(timedelta(days=91))
        assert list(services.check_queue(wp.region, days=90)) == [assessment]
        with pytest.raises(ValidationError):
            services.record_check(assessment, by=wp.uitvoerder, outcome=CheckOutcome.CORRECTED)
        check = services.record_check(
            assessment,
            by=wp.uitvoerder,
            outcome=CheckOutcome.CORRECTED,
            correction="Postcode verbeterd.",
        )
        assert check.checked_by == wp.uitvoerder
        assert list(services.check_queue(wp.region, days=90)) == []


def test_w5_b3_an_archived_assessment_is_not_in_the_check_queue(wp):
    """record_check refuses an archived dossier, so the queue (its page and panel) leaves it out."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        kept, archived = (
            signal(by=wp.agent, brought_by=wp.politie, region=wp.region, person=person).assessment
            for person in ({"surname": "Jansen"}, {"surname": "Visser"})
        )
        services.archive(archived, by=None)
        traveller.shift(timedelta(days=91))
        assert list(services.check_queue(wp.region, days=90)) == [kept]
        assert list(selectors.check_queue_for(wp.uitvoerder, days=90)) == [kept]
        with pytest.raises(ValidationError):
            services.record_check(archived, by=wp.uitvoerder, outcome=CheckOutcome.CORRECT)


# --- W7 ---------------------------------------------------------------------------------------


def test_w7_a_meeting_records_who_was_present_and_what_was_decided(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om, wp.haarlem],
        assessments=[assessment],
    )
    analyse(assessment, by=wp.uitvoerder)
    decision = services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende.",
        decided_on=date(2026, 11, 20),
    )
    item = services.record_discussion(
        meeting.items.get(), by=wp.uitvoerder, discussion="Besproken; niet agenderen."
    )
    assert item.decision == decision
    assert set(meeting.present.all()) == {wp.politie, wp.om, wp.haarlem}
    with pytest.raises(ValidationError):
        services.hold_meeting(
            by=wp.uitvoerder,
            region=wp.region,
            held_on=date(2026, 11, 27),
            present=[wp.rvdk],
            assessments=[],
        )


def test_w4_p7_permissions_follow_a_gemeente_that_joins_later(wp):
    from tests.factories import PartyFactory

    assessment = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"municipality_code": "0453"}
    ).assessment
    velsen = PartyFactory(
        gemeente=True,
        name="Gemeente Velsen",
        municipality_code="0453",
        veiligheidshuizen=[wp.region],
    )
    member = make_user(velsen, files=[wp.region])
    assert not visible_assessments(member).exists()
    assert services.resync_permissions() == 1
    assert list(visible_assessments(member)) == [assessment]
    assert services.resync_permissions() == 1  # idempotent: nothing else changes
    assert list(visible_assessments(member)) == [assessment]


# --- W2: the referentiekader is the beheerder's -------------------------------------------------


@pytest.mark.parametrize("who", ["uitvoerder", "agent", "fg", "nobody"])
def test_w2_only_a_beheerder_publishes_the_referentiekader_in_the_service(wp, who):
    from django.core.exceptions import PermissionDenied

    from parties.constants import Function
    from tests.factories import make_user
    from weegploeg.models import FrameworkVersion

    users = {
        "uitvoerder": wp.uitvoerder,
        "agent": wp.agent,
        "fg": make_user(wp.haarlem, Function.FG),
        "nobody": None,
    }
    with pytest.raises(PermissionDenied):
        services.publish_framework(by=users[who], criteria=[{"code": "R1", "title": "Titel"}])
    assert not FrameworkVersion.objects.exists()
    version = services.publish_framework(
        by=beheerder_of(wp.haarlem), criteria=[{"code": "R1", "title": "Titel"}]
    )
    assert version.number == 1
