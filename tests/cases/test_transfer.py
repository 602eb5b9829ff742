"""From the weegploeg into an ICO file (W6, C12) and between casusoverleggen (C10)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases import services as case_services
from cases import transfer_services
from cases.constants import ClosingReason, Goal, RelatedRole
from cases.models import Case, CasusOverleg, CopyOut
from cases.permissions import visible_cases
from parties.constants import Function
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.factories import (
    VeiligheidshuisFactory,
    authorise,
    kennemerland,
    make_user,
    record_declaration,
)
from tests.module_world import per_module
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome
from weegploeg.models import CaseTransfer, Signal

pytestmark = pytest.mark.django_db


ag_built, ag = per_module(lambda: Agendering(kennemerland()), name="ag")


def findings_of(assessment):
    return [f for analysis in assessment.analyses.all() for f in analysis.findings.all()]


# --- W6: who and what -------------------------------------------------------------------------


def test_w6_only_a_decided_agenderen_assessment_is_put_on_the_agenda(ag):
    not_substantial = ag.assessment(outcome=Outcome.NOT_SUBSTANTIAL)
    with pytest.raises(ValidationError):
        ag.agendeer(not_substantial)
    reopened = ag.assessment()
    weegploeg_services.reopen(reopened, by=ag.keeper, reason="Nieuw signaal.")
    with pytest.raises(ValidationError):
        ag.agendeer(reopened)
    assert not Case.objects.exists() and not CaseTransfer.objects.exists()


def test_w6_only_the_keeper_of_the_region_agendeers(ag):
    assessment = ag.assessment()
    other_region = VeiligheidshuisFactory(code="ander")
    stranger = make_user(ag.wp.haarlem, username="deelnemer-haarlem")
    from tests.factories import PartyFactory

    other_keeper = make_user(
        PartyFactory(gemeente=True, veiligheidshuizen=[other_region]),
        Function.UITVOERDER,
        username="uitvoerder-ander",
    )
    for user in (ag.wp.agent, stranger, other_keeper):
        with pytest.raises(PermissionDenied):
            ag.agendeer(assessment, by=user)
    assert not Case.objects.exists()


def test_w6_the_casusoverleg_is_of_the_same_veiligheidshuis(ag):
    other = elsewhere()
    with pytest.raises(ValidationError):
        ag.agendeer(ag.assessment(), casusoverleg=other.overleg)


def test_w6_at_least_one_signal_and_only_of_this_assessment(ag):
    assessment, other = ag.assessment(), ag.assessment()
    with pytest.raises(ValidationError):
        ag.agendeer(assessment, signals=[])
    with pytest.raises(ValidationError):
        ag.agendeer(assessment, signals=other.signals.all())
    with pytest.raises(ValidationError):
        ag.agendeer(assessment, findings=findings_of(other))
    assert not Case.objects.exists()


def test_w6_the_chosen_signals_and_findings_go_along_and_nothing_else(ag):
    assessment = ag.assessment()
    weegploeg_services.reopen(assessment, by=ag.keeper, reason="Aanvulling.")
    weegploeg_services.add_information(
        assessment,
        by=ag.keeper,
        party=ag.wp.om,
        gathered_on=date(2026, 11, 21),
        content="Aanvullende informatie die niet meegaat.",
    )
    weegploeg_services.decide(
        assessment,
        by=ag.keeper,
        outcome=Outcome.AGENDEREN,
        reasons="Substantieel.",
        decided_on=date(2026, 11, 22),
        advice_to_driehoek="Agenderen.",
        advised_parties=[ag.wp.rvdk],
    )
    assessment.refresh_from_db()
    chosen_signal = assessment.signals.get(brought_by=ag.wp.om)
    chosen_finding = findings_of(assessment)[0]
    case = ag.agendeer(assessment, signals=[chosen_signal], findings=[chosen_finding])

    assert case.casusoverleg == ag.overleg
    assert (case.surname, case.given_names, case.date_of_birth, case.street) == (
        assessment.surname,
        assessment.given_names,
        assessment.date_of_birth,
        assessment.street,
    )
    copied = case.signals.get()
    assert (
        copied.behaviour,
        copied.observed_on,
        copied.brought_by,
        copied.reporter_name,
        copied.reporter_contact,
    ) == (
        chosen_signal.behaviour,
        chosen_signal.observed_on,
        chosen_signal.brought_by,
        chosen_signal.reporter_name,
        chosen_signal.reporter_contact,
    )
    finding = case.findings.get()
    criterion = chosen_finding.criterion
    assert finding.criterion == f"{criterion.code} {criterion.title}"
    assert finding.framework_version == chosen_finding.analysis.framework.number
    assert finding.explanation == chosen_finding.explanation
    assert finding.finding == str(chosen_finding.get_finding_display())
    # Additional information, decision reasons and the other signal stay in the weegploeg.
    texts = [copied.behaviour, finding.explanation, case.identity_note]
    assert not any("niet meegaat" in text or "Substantieel" in text for text in texts)


def test_w6_the_copy_is_a_copy_changing_either_side_leaves_the_other(ag):
    assessment = ag.assessment()
    case = ag.agendeer(assessment, signals=assessment.signals.filter(brought_by=ag.wp.politie))
    source = assessment.signals.get(brought_by=ag.wp.politie)
    copy = case.signals.get()
    original = source.behaviour

    source.behaviour = "Gewijzigd in de weegploeg."
    source.save()
    copy.refresh_from_db()
    assert copy.behaviour == original

    copy.behaviour = "Gewijzigd in het ICO."
    copy.save()
    assert Signal.objects.get(pk=source.pk).behaviour == "Gewijzigd in de weegploeg."

    finding = findings_of(assessment)[0]
    finding.explanation = "Nieuwe uitleg in de weegploeg."
    finding.save()
    assert "Nieuwe uitleg" not in " ".join(case.findings.values_list("explanation", flat=True))


def test_w6_the_transfer_is_recorded_on_both_sides_with_who_when_and_what(ag):
    assessment = ag.assessment()
    before = assessment.last_processed_at
    signal = assessment.signals.get(brought_by=ag.wp.politie)
    finding = findings_of(assessment)[1]
    case = ag.agendeer(assessment, signals=[signal], findings=[finding])

    out = CaseTransfer.objects.get(assessment=assessment)
    assert (out.casusoverleg_name, out.case_number) == (ag.overleg.name, case.number)
    assert out.what["signals"] == [signal.pk] and out.what["findings"] == [finding.pk]
    assert out.transferred_by == ag.keeper and out.transferred_at is not None

    into = case.transfers.get()
    assert (into.source_file, into.source_key) == ("weegploeg", assessment.number)
    assert into.transferred_by == ag.keeper and into.transferred_at is not None
    kinds = [item["kind"] for item in into.what]
    assert kinds == ["personal_details", "signal", "finding"]
    assert into.what[1]["source_id"] == signal.pk and into.what[2]["source_id"] == finding.pk

    assessment.refresh_from_db()
    assert assessment.last_processed_at > before  # B1


def test_w6_a_decision_goes_on_the_agenda_once(ag):
    assessment = ag.assessment()
    ag.agendeer(assessment)
    with pytest.raises(ValidationError):
        ag.agendeer(assessment)
    assert Case.objects.count() == 1


# --- C12 and the participants ------------------------------------------------------------------


def test_c12_how_the_identity_was_established_is_recorded(ag):
    case = ag.agendeer(
        ag.assessment(), identity_method="document", identity_note="Paspoort getoond."
    )
    assert (case.identity_method, case.identity_note) == ("document", "Paspoort getoond.")
    with pytest.raises(ValidationError):
        ag.agendeer(ag.assessment(), identity_method="")
    assert Case.objects.count() == 1 and CaseTransfer.objects.count() == 1


def test_w6_participants_start_as_the_advised_parties_and_the_kernpartijen_of_the_signals(ag):
    assessment = ag.assessment(advised=[ag.wp.rvdk])
    case = ag.agendeer(assessment, signals=assessment.signals.filter(brought_by=ag.wp.politie))
    rows = {row.party: row.advised_by_weegploeg for row in case.participants.all()}
    assert rows == {ag.wp.rvdk: True, ag.wp.politie: False}
    assert case.parties_left_out == []
    assert visible_cases(ag.wp.raad).filter(pk=case.pk).exists()
    assert visible_cases(ag.wp.agent).filter(pk=case.pk).exists()
    # The OM brought a signal that did not go along, and the weegploeg did not advise it.
    assert not visible_cases(ag.wp.officier).filter(pk=case.pk).exists()


def test_w6_p6_an_advised_partner_without_declaration_is_left_out_and_reported(ag):
    assessment = ag.assessment(advised=[ag.wp.rvdk, ag.wp.extern])
    case = ag.agendeer(assessment)
    parties = set(case.participants.values_list("party", flat=True))
    assert ag.wp.extern.pk not in parties and ag.wp.rvdk.pk in parties
    assert case.parties_left_out == [ag.wp.extern]
    transfer = CaseTransfer.objects.get(case_number=case.number)
    assert transfer.what["parties_left_out"] == [ag.wp.extern.pk]

    record_declaration(ag.wp.extern, by=ag.keeper)
    later = ag.assessment(advised=[ag.wp.extern])
    case = ag.agendeer(later)
    assert case.participants.filter(party=ag.wp.extern, advised_by_weegploeg=True).exists()
    assert case.parties_left_out == []


# --- C10: a subject who moved away ------------------------------------------------------------


@pytest.fixture
def moved(ag):
    """An active case with a plan, and the casusoverleg of the Veiligheidshuis the subject
    moved to."""
    case = ag.agendeer(ag.assessment())
    case_services.set_goals(case, [Goal.DERADICALISE, Goal.HELP_AND_CARE], by=ag.keeper)
    case_services.add_measure(
        case,
        by=ag.keeper,
        description="Begeleiding door de RvdK.",
        owner=ag.wp.rvdk,
        deadline=date(2026, 12, 31),
    )
    case_services.add_related_person(
        case,
        by=ag.keeper,
        role=RelatedRole.ACHTERBLIJVER,
        surname="Jansen",
        given_names="Marieke",
        reason="Moeder, steunt het plan.",
    )
    return case, elsewhere()


def copy(case, ag, other, **changes):
    arguments = {
        "to": other.overleg,
        "by": ag.keeper,
        "requested_by": other.keeper,
        "checked_by": other.keeper,
        "check_note": "Verhuisd naar Elders; grondslag en noodzaak getoetst (VH 20.2b).",
    }
    return transfer_services.copy_for_moved_subject(case, **{**arguments, **changes})


def test_c10_a_copy_for_a_subject_who_moved_recorded_on_both_sides(ag, moved):
    case, other = moved
    new = copy(case, ag, other)

    assert new.casusoverleg == other.overleg and new.number != case.number
    assert (new.surname, new.date_of_birth, new.identity_method) == (
        case.surname,
        case.date_of_birth,
        case.identity_method,
    )
    assert list(new.signals.values_list("behaviour", flat=True)) == list(
        case.signals.values_list("behaviour", flat=True)
    )
    assert new.findings.count() == case.findings.count()
    assert set(new.goals.values_list("goal", flat=True)) == {Goal.DERADICALISE, Goal.HELP_AND_CARE}
    assert new.measures.get().description == "Begeleiding door de RvdK."
    assert new.related_people.get().reason == "Moeder, steunt het plan."
    # New rows, not shared ones.
    assert not set(new.measures.values_list("pk", flat=True)) & set(
        case.measures.values_list("pk", flat=True)
    )

    into = new.transfers.get()
    assert (into.source_file, into.source_key) == ("ico", case.number)
    assert (into.transferred_by, into.requested_by, into.checked_by) == (
        ag.keeper,
        other.keeper,
        other.keeper,
    )
    assert "getoetst" in into.check_note
    out = case.copies_out.get()
    assert (out.to_casusoverleg, out.to_case_number) == (other.overleg, new.number)
    assert (out.copied_by, out.requested_by, out.checked_by) == (
        ag.keeper,
        other.keeper,
        other.keeper,
    )
    assert out.check_note == into.check_note and out.copied_at is not None

    # A copy: the old case changes, the new one stays as it was.
    measure = case.measures.get()
    measure.description = "Gewijzigd in het oude ICO."
    measure.save()
    assert new.measures.get().description == "Begeleiding door de RvdK."
    # The receiving keeper sees the new case, not the old one; the old side does not see the new.
    assert visible_cases(other.keeper).filter(pk=new.pk).exists()
    assert not visible_cases(other.keeper).filter(pk=case.pk).exists()
    assert not visible_cases(ag.keeper).filter(pk=new.pk).exists()


def test_c10_only_after_a_check_by_a_keeper_of_the_receiving_side(ag, moved):
    case, other = moved
    for checker in (other.agent, other.chair, ag.keeper):
        with pytest.raises(PermissionDenied):
            copy(case, ag, other, checked_by=checker)
    with pytest.raises(ValidationError):
        copy(case, ag, other, check_note="  ")
    assert not other.overleg.cases.exists() and not CopyOut.objects.exists()


def test_c10_only_on_request_of_the_receiving_side_and_by_the_keeper_of_the_case(ag, moved):
    case, other = moved
    with pytest.raises(PermissionDenied):
        copy(case, ag, other, requested_by=ag.wp.agent)  # nobody there asked
    for giver in (ag.wp.agent, other.keeper):
        with pytest.raises(PermissionDenied):
            copy(case, ag, other, by=giver)
    new = copy(case, ag, other, requested_by=other.agent)
    assert new.transfers.get().requested_by == other.agent


def test_c10_nothing_moves_to_another_casusoverleg_of_the_same_veiligheidshuis(ag, moved):
    case, _other = moved
    veelplegers = CasusOverleg.objects.create(
        name="Veelplegers",
        veiligheidshuis=ag.region,
        covenant_title="Convenant Veelplegers",
        covenant_reference="VH-VP-1",
        covenant_date=date(2020, 1, 1),
        controller="Gemeente Haarlem",
    )
    authorise(ag.keeper, veelplegers)  # P8: the refusal is C10's, not the authorisation's
    for target in (veelplegers, ag.overleg):
        with pytest.raises(ValidationError):
            transfer_services.copy_for_moved_subject(
                case,
                to=target,
                by=ag.keeper,
                requested_by=ag.keeper,
                checked_by=ag.keeper,
                check_note="Geen verhuizing.",
            )
    assert Case.objects.count() == 1


def test_c10_only_an_active_case_is_copied(ag, moved):
    case, other = moved
    case_services.advise_closing(
        case, by=ag.keeper, advice="Verhuisd, afsluiten.", advised_on=date(2027, 1, 5)
    )
    case_services.decide_closing(
        case, by=ag.keeper, reason=ClosingReason.MOVED_AWAY, decided_on=date(2027, 1, 6)
    )
    with pytest.raises(ValidationError):
        copy(case, ag, other)
    assert not other.overleg.cases.exists()
