"""The ICO file of a casusoverleg: C1, C2, C3, C5, C9, C11, C12, S1, P6, B1."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from cases import selectors, services
from cases.constants import CaseStatus, ClosingReason, Goal, MeasureStatus, RelatedRole
from cases.models import CasusOverleg
from cases.permissions import file_of, get_visible_case, keepable_cases, visible_cases
from cases.selectors import casusoverleg_terms
from retention.constants import ArchiveFrom
from retention.models import RetentionTerms
from retention.services.terms import set_terms
from retention.terms import Terms
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory

pytestmark = pytest.mark.django_db


# --- C11 --------------------------------------------------------------------------------------


def test_c11_b3_b4_a_casusoverleg_is_data_with_its_own_covenant_and_terms(ico):
    """C11, B3, B4: the terms are those of the casusoverleg's ICO file, recorded through
    retention (months) and validated there: archive before destroy, in the database too."""
    veelplegers = CasusOverleg.objects.create(
        name="Veelplegers",
        veiligheidshuis=ico.region,
        covenant_title="Convenant Veelplegers",
        covenant_reference="VH-VP-1",
        covenant_date=date(2020, 1, 1),
        controller="Gemeente Haarlem",
    )
    set_terms(
        file_of(veelplegers),
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
    )
    assert casusoverleg_terms(ico.overleg) == Terms(12, ArchiveFrom.LAST_PROCESSING, 60, None)
    assert casusoverleg_terms(veelplegers) == Terms(24, ArchiveFrom.LAST_AGENDA, 72, None)
    with pytest.raises(ValidationError):
        set_terms(
            file_of(veelplegers),
            archive_after_months=24,
            archive_from=ArchiveFrom.LAST_AGENDA,
            destroy_after_months=12,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionTerms.objects.filter(data_file=file_of(veelplegers)).update(destroy_after_months=1)
    assert casusoverleg_terms(veelplegers).destroy_after_months == 72


def test_c11_c1_taking_part_in_one_casusoverleg_shows_nothing_of_another(ico, region):
    case = ico.open_case()
    other = Ico(VeiligheidshuisFactory(code="elders"))
    for user in (other.agent, other.keeper, other.raad):
        assert not visible_cases(user).exists()
        with pytest.raises(Http404):
            get_visible_case(user, case.number)


# --- C1, S1 -----------------------------------------------------------------------------------


def test_c1_s1_the_parties_taking_part_read_the_case(ico):
    case = ico.open_case()
    for user in (ico.agent, ico.officier, ico.raad, ico.keeper):
        assert get_visible_case(user, case.number) == case


@pytest.mark.parametrize("who", ["ggz", "reclasseerder", "partner_user"])
def test_c1_s1_a_non_participant_gets_404(ico, who):
    case = ico.open_case()
    with pytest.raises(Http404):
        get_visible_case(getattr(ico, who), case.number)


def test_c1_only_the_keeper_changes_the_case(ico):
    case = ico.open_case()
    assert list(keepable_cases(ico.keeper)) == [case]
    assert not keepable_cases(ico.agent).exists()
    with pytest.raises(PermissionDenied):
        services.set_goals(case, [Goal.LIMIT_RISKS], by=ico.agent)


def test_c1_a_party_that_stops_taking_part_loses_access_at_once(ico):
    case = ico.open_case()
    services.add_participant(case, ico.reclassering, by=ico.keeper)
    assert get_visible_case(ico.reclasseerder, case.number) == case
    services.end_participation(case, ico.reclassering, by=ico.keeper)
    with pytest.raises(Http404):
        get_visible_case(ico.reclasseerder, case.number)


def test_c1_only_parties_of_the_casusoverleg_take_part(ico):
    case = ico.open_case()
    with pytest.raises(ValidationError):
        services.add_participant(case, ico.outsider, by=ico.keeper)


def test_p6_an_external_partner_takes_part_only_after_its_declaration(ico):
    case = ico.open_case()
    with pytest.raises(ValidationError) as refused:
        services.add_participant(case, ico.partner, by=ico.keeper)
    assert "geheimhoudingsverklaring" in str(refused.value)
    ico.declare_partner()
    services.add_participant(case, ico.partner, by=ico.keeper)
    # Taking part gives a partner no case permission: it sees what is disclosed to it (C6).
    with pytest.raises(Http404):
        get_visible_case(ico.partner_user, case.number)


def test_s1_an_archived_case_is_open_to_kernpartijen_only(ico):
    case = ico.open_case()
    services.archive(case, by=None)
    assert get_visible_case(ico.agent, case.number) == case
    assert get_visible_case(ico.officier, case.number) == case
    with pytest.raises(Http404):
        get_visible_case(ico.raad, case.number)


# --- C12, C2 ----------------------------------------------------------------------------------


def test_c12_how_the_identity_was_established_is_recorded(ico):
    case = ico.open_case()
    assert case.identity_method == "brp"
    assert case.identity_note == "BRP-bevraging door de gemeente"


def test_c2_related_people_with_their_role_and_why_the_plan_needs_them(ico):
    case = ico.open_case()
    person = services.add_related_person(
        case,
        by=ico.keeper,
        role=RelatedRole.ACHTERBLIJVER,
        surname="Yilmaz",
        given_names="Ayse",
        reason="Moeder; contactpersoon voor de hulpverlening.",
    )
    assert person.role == RelatedRole.ACHTERBLIJVER
    with pytest.raises(ValidationError):
        services.add_related_person(
            case,
            by=ico.keeper,
            role=RelatedRole.SOCIAL_NETWORK,
            surname="X",
            given_names="Y",
            reason="",
        )


# --- C3 ---------------------------------------------------------------------------------------


def test_c3_the_plan_has_goals_and_measures_owned_by_participants_with_deadlines(ico):
    case = ico.open_case()
    services.set_goals(case, [Goal.DERADICALISE, Goal.HELP_AND_CARE], by=ico.keeper)
    assert set(case.goals.values_list("goal", flat=True)) == {"deradicalise", "care"}
    measure = services.add_measure(
        case,
        by=ico.keeper,
        description="Traject bij een exitprogramma",
        owner=ico.rvdk,
        deadline=date(2026, 12, 31),
    )
    assert measure.owner == ico.rvdk and measure.status == MeasureStatus.PLANNED
    with pytest.raises(ValidationError):
        services.add_measure(
            case, by=ico.keeper, description="x", owner=ico.outsider, deadline=date(2026, 12, 31)
        )


def test_c3_progress_is_reported_by_the_owner_and_overdue_measures_stand_out(ico):
    case = ico.open_case()
    measure = services.add_measure(
        case, by=ico.keeper, description="Gesprek", owner=ico.rvdk, deadline=date(2026, 12, 1)
    )
    services.report_progress(
        measure, by=ico.raad, text="Eerste gesprek gevoerd.", status=MeasureStatus.IN_PROGRESS
    )
    with pytest.raises(PermissionDenied):
        services.report_progress(measure, by=ico.agent, text="Niet van mij.")
    cases = visible_cases(ico.keeper)
    assert list(selectors.overdue_measures_in(cases, on=date(2026, 12, 1))) == []
    assert list(selectors.overdue_measures_in(cases, on=date(2026, 12, 2))) == [measure]
    services.report_progress(measure, by=ico.raad, text="Afgerond.", status=MeasureStatus.DONE)
    assert list(selectors.overdue_measures_in(cases, on=date(2026, 12, 2))) == []


# --- C5 ---------------------------------------------------------------------------------------


def test_c5_closing_is_advised_then_decided_with_its_reason_and_read_only(ico):
    case = ico.open_case()
    with pytest.raises(ValidationError):
        services.decide_closing(
            case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date(2026, 12, 1)
        )
    services.advise_closing(
        case,
        by=ico.keeper,
        advice="Doel bereikt; advies te sluiten.",
        advised_on=date(2026, 11, 30),
    )
    closing = services.decide_closing(
        case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date(2026, 12, 1)
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and closing.reason == "result"
    with pytest.raises(ValidationError):
        services.set_goals(case, [Goal.LIMIT_RISKS], by=ico.keeper)
    services.reopen(case, by=ico.keeper, reason="Nieuwe signalen (VH 15.2).")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    closing.refresh_from_db()
    assert closing.reopened_by == ico.keeper and closing.reopening_reason
    services.set_goals(case, [Goal.LIMIT_RISKS], by=ico.keeper)


# --- C9, B1 -----------------------------------------------------------------------------------


def test_c9_the_keeper_checks_cases_not_checked_for_some_days(ico):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        case = ico.open_case()
        assert list(services.check_queue(ico.overleg, days=90)) == []
        traveller.shift(timedelta(days=91))
        assert list(services.check_queue(ico.overleg, days=90)) == [case]
        with pytest.raises(ValidationError):
            services.record_check(case, by=ico.keeper, outcome="corrected")
        services.record_check(case, by=ico.keeper, outcome="corrected", correction="Adres.")
        assert list(services.check_queue(ico.overleg, days=90)) == []
        with pytest.raises(PermissionDenied):
            services.record_check(case, by=ico.agent, outcome="correct")


def test_b1_every_change_to_a_case_updates_its_last_processing_date(ico):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        case = ico.open_case()
        traveller.shift(timedelta(days=2))
        services.set_goals(case, [Goal.CHANGE_BEHAVIOUR], by=ico.keeper)
        case.refresh_from_db()
        assert case.last_processed_at == start + timedelta(days=2)
        traveller.shift(timedelta(days=2))
        services.add_participant(case, ico.reclassering, by=ico.keeper)
        case.refresh_from_db()
        assert case.last_processed_at == start + timedelta(days=4)


def test_c3_u1_overdue_measures_stand_out_on_the_dashboard_of_who_may_see_them(ico):
    from django.urls import reverse

    from tests.conftest import verified_client

    case = ico.open_case()
    services.add_measure(
        case, by=ico.keeper, description="Gesprek", owner=ico.rvdk, deadline=date(2026, 11, 1)
    )
    with time_machine.travel(date(2026, 11, 10)):
        keeper_page = verified_client(ico.keeper).get(reverse("dashboard")).content.decode()
        raad_page = verified_client(ico.raad).get(reverse("dashboard")).content.decode()
        outsider_page = verified_client(ico.ggz).get(reverse("dashboard")).content.decode()
        ico.declare_partner()
        partner_page = verified_client(ico.partner_user).get(reverse("dashboard"))
    # C3, U1: a line naming the dossier and the measure, straight to the measure.
    link = f"/casussen/dossiers/{case.number}/plan/#measure-"
    assert case.number in keeper_page and link in keeper_page
    assert case.number in raad_page
    assert case.number not in outsider_page
    assert "Er lopen geen maatregelen af" in outsider_page or "No measures are overdue" in (
        outsider_page
    )
    # The partner sees no cases at all, so the panel is left out.
    assert partner_page.status_code == 200
    assert 'data-testid="panel-measures-due"' not in partner_page.content.decode()
