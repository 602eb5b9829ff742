"""B1: the date of the last processing is kept for each dossier, by one wrapper
(`subjects.dossier.changes_dossier`) on every service that changes a dossier.

The lists below name every public function of the service modules of both files: either it
changes a dossier (then it is decorated, and a scenario runs it and sees the date move), or it
is named with the reason it does not. A new service fails `test_b1_every_service_is_listed`
until it is put in one of the two."""

import inspect
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from cases import disclosure_services, meeting_services, transfer_services
from cases import services as case_services
from cases.constants import ClosingReason, Goal, MeasureStatus, RelatedRole
from parties.constants import Function
from subjects.categories import DataCategory
from subjects.constants import CheckOutcome
from subjects.dossier import changes_dossier
from tests.cases.transfer_fixtures import Agendering, elsewhere
from tests.factories import make_user, record_declaration
from tests.weegploeg.factories import analyse, signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome

MODULES = [
    weegploeg_services,
    case_services,
    meeting_services,
    disclosure_services,
    transfer_services,
]

# Public functions that change no dossier, and why.
NOT_CHANGING = {
    "weegploeg.services.possible_duplicates": "a read",
    "weegploeg.services.may_enter_signal_for": "a rule",
    "weegploeg.services.may_publish_framework": "a rule",
    "weegploeg.services.publish_framework": "the referentiekader, no dossier",
    "weegploeg.services.current_framework": "a read",
    "weegploeg.services.is_to_be_agendered": "a rule",
    "weegploeg.services.check_queue": "a read",
    "weegploeg.services.objection_upheld": "a rule",
    "weegploeg.services.archive": "B3: archiving is not a processing of the data",
    "weegploeg.services.reactivate": "B5: making archived data available processes none",
    "weegploeg.services.destroy": "B8: the dossier is gone",
    "weegploeg.services.destroy_many": "B8: the dossiers are gone",
    "weegploeg.services.resync_permissions": "permissions, not the dossier's data",
    "cases.services.archive": "B3: archiving is not a processing of the data",
    "cases.services.reactivate": "B5: making archived data available processes none",
    "cases.services.check_queue": "a read",
    "cases.meeting_services.is_chair": "a rule",
    "cases.meeting_services.agenda": "a read",
    "cases.meeting_services.add_measures_due": "a read",
    "cases.disclosure_services.snapshot": "a read",
    "cases.disclosure_services.record_export": "a read of the case, recorded as an export (C7)",
    "cases.disclosure_services.export_document": "a read",
}

SCENARIOS = {}


def changes(name):
    """A scenario for the service `name`: given the world, it prepares what the service needs
    and returns the call, which returns the dossiers that must have moved."""

    def register(build):
        SCENARIOS[name] = build
        return build

    return register


class World(Agendering):
    def __init__(self, region):
        super().__init__(region)
        self.chair = make_user(self.wp.haarlem, Function.VOORZITTER, files=[self.overleg])
        self.overleg.chairs.set([self.chair])

    def open_assessment(self):
        wp = self.wp
        return signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment

    def case(self):
        return self.agendeer(self.assessment())

    def advise(self, case):
        case_services.advise_closing(
            case, by=self.keeper, advice="Doel bereikt.", advised_on=date(2026, 11, 30)
        )

    def close(self, case):
        self.advise(case)
        case_services.decide_closing(
            case, by=self.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date(2026, 12, 1)
        )

    def meeting(self, case):
        return meeting_services.hold_meeting(
            casusoverleg=self.overleg,
            held_on=date(2026, 12, 10),
            chair=self.chair,
            attendees=[self.wp.politie, self.wp.rvdk],
            cases=[case],
            by=self.keeper,
        )

    def record(self, discussion):
        return meeting_services.record_discussion(
            discussion,
            by=self.keeper,
            minutes="Besproken.",
            approach="Gesprekken.",
            casemanager=None,
            informing="Per brief.",
        )


# --- the weegploeg file -----------------------------------------------------------------------


@changes("weegploeg.services.enter_signal")
def _(w):
    assessment = w.open_assessment()
    wp = w.wp
    return lambda: [
        signal(by=wp.officier, brought_by=wp.om, region=wp.region, assessment=assessment).assessment
    ]


@changes("weegploeg.services.record_analysis")
def _(w):
    assessment = w.open_assessment()
    return lambda: [analyse(assessment, by=w.keeper).assessment]


@changes("weegploeg.services.add_information")
def _(w):
    assessment = w.open_assessment()
    return lambda: [
        weegploeg_services.add_information(
            assessment, by=w.keeper, party=w.wp.om, gathered_on=date(2026, 11, 2), content="Info."
        ).assessment
    ]


@changes("weegploeg.services.record_expert_advice")
def _(w):
    assessment = w.open_assessment()
    return lambda: [
        weegploeg_services.record_expert_advice(
            assessment,
            by=w.keeper,
            adviser="NCTV",
            asked_on=date(2026, 11, 3),
            question="Hoe zwaar?",
            advice="Serieus.",
        ).assessment
    ]


@changes("weegploeg.services.decide")
def _(w):
    assessment = w.open_assessment()
    analyse(assessment, by=w.keeper)
    return lambda: [
        weegploeg_services.decide(
            assessment,
            by=w.keeper,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="Onvoldoende.",
            decided_on=date(2026, 11, 20),
        ).assessment
    ]


@changes("weegploeg.services.reopen")
def _(w):
    assessment = w.assessment()
    return lambda: [weegploeg_services.reopen(assessment, by=w.keeper, reason="Nieuw signaal.")]


@changes("weegploeg.services.end_processing")
def _(w):
    assessment = w.assessment()
    return lambda: [
        weegploeg_services.end_processing(
            assessment, by=w.keeper, reason="Verzet gegrond."
        ).assessment
    ]


@changes("weegploeg.services.agendeer")
def _(w):
    assessment = w.assessment()
    return lambda: [assessment, w.agendeer(assessment)]


@changes("weegploeg.services.record_check")
def _(w):
    assessment = w.open_assessment()
    return lambda: [
        weegploeg_services.record_check(
            assessment, by=w.keeper, outcome=CheckOutcome.CORRECT
        ).assessment
    ]


@changes("weegploeg.services.hold_meeting")
def _(w):
    assessment = w.open_assessment()
    return lambda: [
        item.assessment
        for item in weegploeg_services.hold_meeting(
            by=w.keeper,
            region=w.region,
            held_on=date(2026, 12, 10),
            present=[w.wp.politie],
            assessments=[assessment],
        ).items.all()
    ]


@changes("weegploeg.services.record_discussion")
def _(w):
    meeting = weegploeg_services.hold_meeting(
        by=w.keeper,
        region=w.region,
        held_on=date(2026, 12, 10),
        present=[w.wp.politie],
        assessments=[w.open_assessment()],
    )
    item = meeting.items.get()
    return lambda: [
        weegploeg_services.record_discussion(item, by=w.keeper, discussion="Besproken.").assessment
    ]


# --- the ICO files ----------------------------------------------------------------------------


@changes("cases.services.open_case")
def _(w):
    return lambda: [
        case_services.open_case(
            casusoverleg=w.overleg,
            person={"surname": "Visser", "given_names": "Anna", "date_of_birth": date(2000, 1, 2)}
            | {"municipality": "Haarlem", "municipality_code": "0392"},
            identity_method="brp",
            by=w.keeper,
        )
    ]


@changes("cases.services.add_participant")
def _(w):
    case = w.case()
    return lambda: [case_services.add_participant(case, w.wp.haarlem, by=w.keeper).case]


@changes("cases.services.end_participation")
def _(w):
    case = w.case()

    def act():
        case_services.end_participation(case, w.wp.rvdk, by=w.keeper)
        return [case]

    return act


@changes("cases.services.set_casemanager")
def _(w):
    case = w.case()
    return lambda: [case_services.set_casemanager(case, w.wp.agent, by=w.keeper)]


@changes("cases.services.add_related_person")
def _(w):
    case = w.case()
    return lambda: [
        case_services.add_related_person(
            case,
            by=w.keeper,
            role=RelatedRole.ACHTERBLIJVER,
            surname="Jansen",
            given_names="Marieke",
            reason="Moeder; zij steunt het plan.",
        ).case
    ]


@changes("cases.services.set_goals")
def _(w):
    case = w.case()

    def act():
        case_services.set_goals(case, [Goal.DERADICALISE], by=w.keeper)
        return [case]

    return act


@changes("cases.services.add_measure")
def _(w):
    case = w.case()
    return lambda: [
        case_services.add_measure(
            case, by=w.keeper, description="Intake.", owner=w.wp.rvdk, deadline=date(2026, 12, 31)
        ).case
    ]


@changes("cases.services.report_progress")
def _(w):
    case = w.case()
    measure = case_services.add_measure(
        case, by=w.keeper, description="Intake.", owner=w.wp.rvdk, deadline=date(2026, 12, 31)
    )
    return lambda: [
        case_services.report_progress(
            measure, by=w.keeper, text="Loopt.", status=MeasureStatus.IN_PROGRESS
        ).case
    ]


@changes("cases.services.change_measure_status")
def _(w):
    case = w.case()
    measure = case_services.add_measure(
        case, by=w.keeper, description="Intake.", owner=w.wp.rvdk, deadline=date(2026, 12, 31)
    )
    return lambda: [
        case_services.change_measure_status(
            measure, by=w.keeper, status=MeasureStatus.IN_PROGRESS
        ).case
    ]


@changes("cases.services.advise_closing")
def _(w):
    case = w.case()

    def act():
        w.advise(case)
        return [case]

    return act


@changes("cases.services.decide_closing")
def _(w):
    case = w.case()
    w.advise(case)
    return lambda: [
        case_services.decide_closing(
            case, by=w.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date(2026, 12, 1)
        ).case
    ]


@changes("cases.services.end_processing")
def _(w):
    case = w.case()
    return lambda: [case_services.end_processing(case, by=w.keeper, reason="Verzet gegrond.").case]


@changes("cases.services.reopen")
def _(w):
    case = w.case()
    w.close(case)
    return lambda: [case_services.reopen(case, by=w.keeper, reason="Nieuwe signalen.")]


@changes("cases.services.record_check")
def _(w):
    case = w.case()
    return lambda: [
        case_services.record_check(case, by=w.keeper, outcome=CheckOutcome.CORRECT).case
    ]


@changes("cases.meeting_services.hold_meeting")
def _(w):
    case = w.case()
    return lambda: [discussion.case for discussion in w.meeting(case).discussions.all()]


@changes("cases.meeting_services.record_discussion")
def _(w):
    discussion = w.meeting(w.case()).discussions.get()
    return lambda: [w.record(discussion).case]


@changes("cases.meeting_services.approve_minutes")
def _(w):
    meeting = w.meeting(w.case())
    w.record(meeting.discussions.get())
    return lambda: [
        discussion.case
        for discussion in meeting_services.approve_minutes(meeting, by=w.chair).discussions.all()
    ]


@changes("cases.disclosure_services.disclose")
def _(w):
    case = w.case()
    record_declaration(w.wp.extern, by=w.keeper)
    case_services.add_participant(case, w.wp.extern, by=w.keeper)
    return lambda: [
        disclosure_services.disclose(
            case,
            by=w.keeper,
            partner=w.wp.extern,
            parts=["naw"],
            necessity="Nodig voor het exitprogramma.",
            categories=[DataCategory.NAME_AND_ADDRESS],
            provider=w.wp.politie,
            provider_permission="Politie, teamchef, 20-11-2026",
        ).case
    ]


@changes("cases.transfer_services.copy_for_moved_subject")
def _(w):
    case = w.case()
    other = elsewhere()
    return lambda: [
        case,
        transfer_services.copy_for_moved_subject(
            case,
            to=other.overleg,
            by=w.keeper,
            requested_by=other.keeper,
            checked_by=other.keeper,
            check_note="Verhuisd; grondslag en noodzaak getoetst.",
        ),
    ]


# --- the tests --------------------------------------------------------------------------------


def _defined_in(function, module) -> bool:
    """Defined in the module, or (for a package such as `weegploeg.services`) in one of its
    modules and re-exported by the package: listed under the package's path."""
    return function.__module__ == module.__name__ or (
        hasattr(module, "__path__") and function.__module__.startswith(f"{module.__name__}.")
    )


def public_services() -> dict[str, object]:
    return {
        f"{module.__name__}.{name}": function
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if _defined_in(function, module) and not name.startswith("_")
    }


def test_b1_every_service_is_listed():
    """A new public service is listed as changing a dossier (with a scenario) or not."""
    services = public_services()
    assert set(SCENARIOS).isdisjoint(NOT_CHANGING)
    assert set(services) == set(SCENARIOS) | set(NOT_CHANGING)


def test_b1_every_service_that_changes_a_dossier_is_wrapped_and_no_other():
    services = public_services()
    wrapped = {name for name, function in services.items() if hasattr(function, "changes_dossier")}
    assert wrapped == set(SCENARIOS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_b1_the_service_moves_the_last_processing_date_of_its_dossiers(region, name):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        act = SCENARIOS[name](World(region))
        traveller.shift(timedelta(days=3))
        dossiers = act()
        assert dossiers
        for dossier in dossiers:
            dossier.refresh_from_db()
            assert dossier.last_processed_at == start + timedelta(days=3), dossier


@pytest.mark.django_db
def test_b1_a_refused_service_leaves_the_date_and_everything_else(region):
    world = World(region)
    case = world.case()
    before = case.last_processed_at
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        case_services.add_measure(
            case, by=world.wp.agent, description="X", owner=world.wp.rvdk, deadline=date.today()
        )
    case.refresh_from_db()
    assert case.last_processed_at == before and not case.measures.exists()


def test_b1_the_wrapper_refuses_a_path_the_service_does_not_have():
    with pytest.raises(TypeError):

        @changes_dossier("dossier")
        def service(case, *, by): ...
