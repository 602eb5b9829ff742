"""One populated dossier per registered file, for the registry contract suite
(`test_registry_contract.py`). A new file registers its builder here with `@builder("label")`;
the suite fails for a registered file without one."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from subjects.registry import DossierRef, Identity, ItemRef, item_ref
from tests.weegploeg.factories import PERSON

PERSON_IDENTITY = Identity(
    surname=PERSON["surname"],
    given_names=PERSON["given_names"],
    date_of_birth=PERSON["date_of_birth"],
)


@dataclass
class Built:
    """A dossier as the contract suite needs it: its name, the person it is about, the
    keeper who acts on it, an item to rectify (with changes and the value they replace), an
    item to erase (with a value of it that must vanish from the trail), and values of the
    person that must never reach a state or the destruction record."""

    ref: DossierRef
    identity: Identity
    keeper: object
    rectify: ItemRef
    changes: dict
    replaced_value: str
    erase: ItemRef
    erased_value: str
    restrict: ItemRef
    restricted_value: str
    person_values: tuple[str, ...] = (PERSON["surname"], PERSON["given_names"])
    # R7: puts the dossier back in processing (a closed case reopened), and the status and
    # decision code of a dossier whose processing an upheld objection ended.
    ongoing: Callable[[], object] = lambda: None
    ended: tuple[str, str] = ("", "")


BUILDERS: dict[str, Callable[[object], Built]] = {}


def builder(label: str):
    def register(function):
        BUILDERS[label] = function
        return function

    return register


@builder("weegploeg")
def weegploeg_dossier(region) -> Built:
    """A decided assessment with something in every table of the file: two signals, an
    analysis, additional information, expert advice, a meeting's discussion, a check, the
    decision and a copy to a case (W6)."""
    from tests.cases.transfer_fixtures import Agendering
    from tests.weegploeg.factories import analyse, signal
    from weegploeg import services
    from weegploeg.constants import Outcome

    ag = Agendering(region)
    wp, keeper = ag.wp, ag.keeper
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
    signal(
        by=wp.officier,
        brought_by=wp.om,
        region=region,
        assessment=assessment,
        behaviour="Zocht online naar de bouw van explosieven.",
    )
    analyse(assessment, by=keeper)
    services.add_information(
        assessment, by=keeper, party=wp.om, gathered_on=date(2026, 11, 2), content="Bekend bij OM."
    )
    services.record_expert_advice(
        assessment,
        by=keeper,
        adviser="NCTV",
        asked_on=date(2026, 11, 3),
        question="Hoe zwaar wegen de signalen?",
        advice="Serieus nemen.",
    )
    meeting = services.hold_meeting(
        by=keeper,
        region=region,
        held_on=date(2026, 11, 10),
        present=[wp.politie, wp.om],
        assessments=[assessment],
    )
    services.record_discussion(meeting.items.get(), by=keeper, discussion="Besproken.")
    services.record_check(assessment, by=keeper, outcome="correct")
    services.decide(
        assessment,
        by=keeper,
        outcome=Outcome.AGENDEREN,
        reasons="Substantiële signalen.",
        decided_on=date(2026, 11, 20),
        advice_to_driehoek="Agenderen in het ICO.",
        advised_parties=[wp.rvdk],
    )
    assessment.refresh_from_db()
    ag.agendeer(assessment)
    first, second = assessment.signals.order_by("pk")
    return Built(
        ref=DossierRef("weegploeg", assessment.number),
        identity=PERSON_IDENTITY,
        keeper=keeper,
        rectify=item_ref(first),
        changes={"behaviour": "Deelde een filmpje (gecorrigeerd)."},
        replaced_value=first.behaviour,
        erase=item_ref(second),
        erased_value=second.behaviour,
        restrict=item_ref(first),
        restricted_value=first.behaviour,
        ended=("decided", "verzet"),
    )


@builder("ico")
def ico_dossier(region) -> Built:
    """A closed case with something in every table, a goal replaced earlier (B8), a
    disclosure, an export and a copy to another casusoverleg."""
    from cases import services
    from cases.models import Case
    from tests.cases.transfer_fixtures import Agendering, full_case

    ag = Agendering(region)
    case = full_case(ag)[Case]
    measure = case.measures.get()
    person = case.related_people.get()
    signal = case.signals.order_by("pk").first()
    # A goal replaced by set_goals leaves entries of a row that is gone (finding 10).
    services.reopen(case, by=ag.keeper, reason="Nieuw plan.")
    services.set_goals(case, ["risks"], by=ag.keeper)
    services.advise_closing(case, by=ag.keeper, advice="Afsluiten.", advised_on=date(2027, 1, 7))
    services.decide_closing(case, by=ag.keeper, reason="moved", decided_on=date(2027, 1, 8))
    return Built(
        ref=DossierRef("ico", case.number),
        identity=PERSON_IDENTITY,
        keeper=ag.keeper,
        rectify=item_ref(measure),
        changes={"description": "Gesprek over zijn netwerk (gecorrigeerd)."},
        replaced_value=measure.description,
        erase=item_ref(person),
        erased_value=person.address,
        restrict=item_ref(signal),
        restricted_value=signal.behaviour,
        ongoing=lambda: services.reopen(case, by=ag.keeper, reason="Nieuwe signalen."),
        ended=("closed", "objection"),
    )
