"""I3, I5 (VH 11.1, 15.5, 17.1): the ICO file starts a duty to inform when the subject is
registered in the casusoverleg (the first agendering), for every related person registered in
the case, and when the closing of the approach is decided; each once, carried out by the
uitvoerder of the file (no responsible party), in the casusoverleg's file."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from cases import meeting_services, services, transfer_services
from cases.constants import ClosingReason, RelatedRole
from cases.permissions import file_of
from parties.constants import Function
from rights.constants import DutyOccasion, DutyState
from rights.models import DutyToInform
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 12, 2, 10)), tick=False):
        yield


def duties(case, occasion=None):
    found = DutyToInform.objects.filter(file_label="ico", dossier_key=case.number)
    return found.filter(occasion=occasion) if occasion else found


def related(case, ag, surname="Jansen-Bakker"):
    return services.add_related_person(
        case,
        by=ag.keeper,
        role=RelatedRole.ACHTERBLIJVER,
        surname=surname,
        given_names="Marieke",
        address="Grote Markt 117b Haarlem",
        reason="Moeder; zij steunt het plan.",
    )


def test_i5_registration_in_the_casusoverleg_starts_the_duty_for_the_subject(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    duty = duties(case, DutyOccasion.AGENDERING).get()
    assert duty.person == "" and duty.responsible_party is None  # the uitvoerder (VH 17.1)
    assert duty.data_file == file_of(case.casusoverleg)
    assert duty.state == DutyState.TO_INFORM
    assert (duty.started_on, duty.due_on) == (TODAY, date(2027, 1, 2))


def test_i5_the_agendering_duty_starts_once_whatever_follows(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    chair = make_user(ag.wp.haarlem, Function.VOORZITTER, files=[ag.overleg])
    ag.overleg.chairs.set([chair])
    for held_on in (date(2026, 12, 10), date(2027, 1, 14)):
        meeting_services.hold_meeting(
            casusoverleg=ag.overleg,
            held_on=held_on,
            chair=chair,
            attendees=[ag.wp.politie],
            cases=[case],
            by=ag.keeper,
        )
    services.add_measure(
        case, by=ag.keeper, description="Intake.", owner=ag.wp.rvdk, deadline=date(2026, 12, 31)
    )
    assert duties(case, DutyOccasion.AGENDERING).count() == 1
    assert duties(case).count() == 1


def test_i5_each_related_person_registered_gets_a_duty_of_their_own(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    mother = related(case, ag)
    brother = related(case, ag, surname="Jansen")
    found = duties(case, DutyOccasion.RELATED_PERSON).order_by("pk")
    assert [duty.person for duty in found] == [
        f"cases.relatedperson:{mother.pk}",
        f"cases.relatedperson:{brother.pk}",
    ]
    assert all(duty.responsible_party is None and duty.started_on == TODAY for duty in found)


def test_i5_the_copy_for_a_subject_who_moved_registers_subject_and_related_people_there(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    related(case, ag)
    other = elsewhere()
    copy = transfer_services.copy_for_moved_subject(
        case,
        to=other.overleg,
        by=ag.keeper,
        requested_by=other.keeper,
        checked_by=other.keeper,
        check_note="Verhuisd; grondslag en noodzaak getoetst.",
    )
    assert duties(copy, DutyOccasion.AGENDERING).get().data_file == file_of(other.overleg)
    person = copy.related_people.get()
    assert duties(copy, DutyOccasion.RELATED_PERSON).get().person == (
        f"cases.relatedperson:{person.pk}"
    )
    assert duties(case, DutyOccasion.AGENDERING).count() == 1  # nothing new at the source


def close(case, ag, decided_on):
    services.advise_closing(case, by=ag.keeper, advice="Doel bereikt.", advised_on=decided_on)
    services.decide_closing(
        case, by=ag.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=decided_on
    )


def test_i3_the_decision_to_close_starts_the_closing_duty_once_per_closing(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    close(case, ag, TODAY)
    duty = duties(case, DutyOccasion.CLOSING).get()
    assert (duty.started_on, duty.person, duty.responsible_party) == (TODAY, "", None)
    assert duty.data_file == file_of(case.casusoverleg)
    # Reopened and closed again the same day: still the one duty (idempotent) ...
    services.reopen(case, by=ag.keeper, reason="Nieuwe signalen.")
    close(case, ag, TODAY)
    assert duties(case, DutyOccasion.CLOSING).count() == 1
    # ... closed again later: the approach closes anew, and the subject is told again (VH 15.5).
    services.reopen(case, by=ag.keeper, reason="Weer nieuwe signalen.")
    close(case, ag, TODAY + timedelta(days=40))
    assert duties(case, DutyOccasion.CLOSING).count() == 2


def test_i3_advice_alone_starts_no_duty_and_an_objection_closing_none_either(region):
    """The advice is not the closing (VH 15.5: the approach is closed by the decision); an
    upheld objection is answered by the decision on the objection itself (R7, ADR 0013)."""
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    services.advise_closing(case, by=ag.keeper, advice="Afsluiten.", advised_on=TODAY)
    assert not duties(case, DutyOccasion.CLOSING).exists()
    services.end_processing(case, by=ag.keeper, reason="Verzet gegrond.")
    assert not duties(case, DutyOccasion.CLOSING).exists()
