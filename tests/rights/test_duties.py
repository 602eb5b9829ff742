"""I1-I3, I5: who sees and handles a duty to inform, and every change of its state, through
the services (CTER 11, VH 17.1)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rights.constants import DutyOccasion, DutyState, SendingMeans
from rights.models import LegalGround, Postponement
from rights.permissions.duties import handlers_of, may_handle_duty, visible_duties
from rights.services import duties as services
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.duty_fixtures import DutyWorld
from weegploeg.constants import Outcome

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


world_built, world = per_module(lambda: DutyWorld(kennemerland()), name="world")


def ground(code="strafbare-feiten"):
    return LegalGround.objects.get(code=code)


def postpone(world, duty=None, *, reasons="Lopend opsporingsonderzoek.", review=30, by=None):
    return services.postpone(
        duty or world.duty,
        ground=ground(),
        reasons=reasons,
        review_on=TODAY + timedelta(days=review),
        by=by or world.agent,
        today=TODAY,
    )


# --- who ---------------------------------------------------------------------------------------


def test_i1_the_outcome_starts_a_duty_of_the_party_that_brought_the_signal(world):
    duty = world.duty
    assert duty.occasion == DutyOccasion.OUTCOME
    assert duty.responsible_party == world.wp.politie
    assert duty.state == DutyState.TO_INFORM
    assert duty.due_on == date(2026, 12, 20)  # a month after the decision


def test_i1_the_responsible_party_and_the_keeper_see_and_handle_the_duty(world):
    for user in (world.agent, world.keeper):
        assert world.duty in visible_duties(user)
        assert may_handle_duty(user, world.duty)


def test_i1_a_member_who_may_only_read_the_file_sees_but_does_not_handle(world):
    assert world.duty in visible_duties(world.reader)
    assert not may_handle_duty(world.reader, world.duty)
    with pytest.raises(PermissionDenied):
        postpone(world, by=world.reader)


def test_i1_another_party_and_the_unauthorised_see_nothing(world):
    for user in (world.officier, world.wp.raad, world.wp.partner, world.beheerder):
        assert not visible_duties(user).exists()
        assert not may_handle_duty(user, world.duty)
    with pytest.raises(PermissionDenied):
        services.record_informed(
            world.duty, informed_on=TODAY, means=SendingMeans.POST, by=world.officier
        )


def test_i5_a_duty_without_responsible_party_is_the_keepers_alone(world):
    duty = world.related_duty()
    assert duty.responsible_party is None
    assert list(visible_duties(world.keeper).filter(pk=duty.pk)) == [duty]
    # politie's agent is authorised for the ICO as well, but the duty is not politie's
    assert not visible_duties(world.agent).filter(pk=duty.pk).exists()
    assert not may_handle_duty(world.agent, duty)
    assert handlers_of(duty) == [world.keeper]


def test_i2_the_handlers_are_the_partys_recorders_and_the_keeper(world):
    assert set(handlers_of(world.duty)) == {world.agent, world.keeper}


# --- states ------------------------------------------------------------------------------------


def test_i1_informed_records_date_means_and_who_and_is_final(world):
    duty = services.record_informed(
        world.duty, informed_on=TODAY, means=SendingMeans.POST, by=world.agent, today=TODAY
    )
    assert (duty.state, duty.informed_on, duty.informed_means, duty.informed_by) == (
        DutyState.INFORMED,
        TODAY,
        SendingMeans.POST,
        world.agent,
    )
    for step in (
        lambda: postpone(world),
        lambda: services.record_not_required(duty, reason="Al bekend.", by=world.agent),
        lambda: services.record_informed(
            duty, informed_on=TODAY, means=SendingMeans.HAND, by=world.agent, today=TODAY
        ),
    ):
        with pytest.raises(ValidationError, match="definitief"):
            step()


def test_i1_informed_refuses_a_future_date_or_unknown_means(world):
    with pytest.raises(ValidationError) as refused:
        services.record_informed(
            world.duty,
            informed_on=TODAY + timedelta(days=1),
            means="pigeon",
            by=world.agent,
            today=TODAY,
        )
    assert set(refused.value.error_dict) == {"informed_on", "means"}


def test_i1_not_required_needs_reasons(world):
    with pytest.raises(ValidationError) as refused:
        services.record_not_required(world.duty, reason="  ", by=world.agent)
    assert "reason" in refused.value.error_dict
    duty = services.record_not_required(
        world.duty,
        reason="Betrokkene is op de hoogte gebracht door de reclassering.",
        by=world.agent,
    )
    assert duty.state == DutyState.NOT_REQUIRED and duty.not_required_reason


def test_i2_postpone_needs_an_active_ground_reasons_and_a_future_review_date(world):
    retired = ground("civiele-vorderingen")
    retired.active = False
    retired.save()
    with pytest.raises(ValidationError) as refused:
        services.postpone(
            world.duty, ground=retired, reasons=" ", review_on=TODAY, by=world.agent, today=TODAY
        )
    assert set(refused.value.error_dict) == {"ground", "reasons", "review_on"}
    assert "toekomst" in str(refused.value.error_dict["review_on"])
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.TO_INFORM


def test_i2_postponed_with_ground_reasons_and_date(world):
    postponement = postpone(world)
    world.duty.refresh_from_db()
    assert world.duty.state == DutyState.POSTPONED
    assert postponement.ground.code == "strafbare-feiten"
    assert postponement.review_on == TODAY + timedelta(days=30)
    assert postponement.recorded_by == world.agent


def test_i2_a_renewal_is_a_new_row_with_new_reasons_and_every_one_is_kept(world):
    first = postpone(world)
    with pytest.raises(ValidationError, match="nieuwe redenen"):
        postpone(world, review=60)
    second = postpone(world, reasons="Het onderzoek loopt nog: verlengd.", review=60)
    rows = list(Postponement.objects.filter(duty=world.duty).order_by("pk"))
    assert rows == [first, second]
    first.refresh_from_db()
    assert first.ended_on == TODAY and second.ended_on is None
    assert services.current_postponement(world.duty) == second


def test_i3_once_the_ground_lapses_the_person_is_to_be_informed(world):
    postpone(world)
    duty = services.lift_postponement(world.duty, lapsed_on=TODAY, by=world.agent, today=TODAY)
    assert duty.state == DutyState.TO_INFORM
    assert duty.due_on == TODAY + services.INFORM_AFTER_LAPSE
    assert duty.postponements.get().ended_on == TODAY


def test_i3_a_postponed_duty_cannot_become_not_required(world):
    postpone(world)
    with pytest.raises(ValidationError, match="ook als er geen maatregelen volgen"):
        services.record_not_required(world.duty, reason="Geen maatregelen.", by=world.agent)


def test_i3_informing_a_postponed_duty_ends_its_postponement(world):
    postpone(world)
    duty = services.record_informed(
        world.duty, informed_on=TODAY, means=SendingMeans.HAND, by=world.keeper, today=TODAY
    )
    assert duty.state == DutyState.INFORMED
    assert duty.postponements.get().ended_on == TODAY


def test_i3_also_where_no_measures_follow_the_duty_runs_to_informing(region):
    world = DutyWorld(region)
    other = world.assessment(outcome=Outcome.NOT_SUBSTANTIAL)  # no measures follow
    duty = visible_duties(world.agent).get(dossier_key=other.number)
    postpone(world, duty)
    services.lift_postponement(duty, lapsed_on=TODAY, by=world.agent, today=TODAY)
    duty = services.record_informed(
        duty, informed_on=TODAY, means=SendingMeans.POST, by=world.agent, today=TODAY
    )
    assert duty.state == DutyState.INFORMED


def test_i2_overdue_to_inform_after_due_date_and_postponed_after_review_date(world):
    duty = world.duty
    assert not services.is_overdue(duty, today=duty.due_on)
    assert services.is_overdue(duty, today=duty.due_on + timedelta(days=1))
    postpone(world, review=10)
    duty.refresh_from_db()
    review = TODAY + timedelta(days=10)
    assert not services.is_overdue(duty, today=review)
    assert services.is_overdue(duty, today=review + timedelta(days=1))
    overdue = services.with_review(visible_duties(world.keeper)).filter(
        services.overdue_q(review + timedelta(days=1))
    )
    assert duty in overdue
