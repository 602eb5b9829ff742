"""Case meetings of a casusoverleg: C4 (VH 14.9-10)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases import meeting_services, selectors, services
from cases.constants import ClosingReason, IdentityMethod, MeasureStatus
from cases.models import CasusOverleg
from parties.constants import Function, PartyKind
from tests.factories import PartyFactory, authorise, kennemerland, make_user, record_declaration
from tests.module_world import per_module

pytestmark = pytest.mark.django_db

PERSON = {
    "surname": "Bakker",
    "given_names": "Joost",
    "date_of_birth": date(1998, 7, 9),
    "street": "Zijlweg",
    "house_number": "3",
    "postcode": "2013DA",
    "municipality": "Haarlem",
    "municipality_code": "0392",
}


def casusoverleg(region, name):
    return CasusOverleg.objects.create(
        name=name,
        veiligheidshuis=region,
        covenant_title="Privacyconvenant CTER Noord-Holland",
        covenant_reference="CTER-NH-2017",
        covenant_date=date(2017, 6, 1),
        controller="De kernpartijen gezamenlijk",
    )


class Overleg:
    """A casusoverleg with its parties, its keeper and two chairs."""

    def __init__(self, region):
        code = region.code
        self.region = region
        self.politie = PartyFactory(name=f"Politie {code}", veiligheidshuizen=[region])
        self.gemeente = PartyFactory(
            gemeente=True,
            name=f"Gemeente {code}",
            municipality_code="0392",
            veiligheidshuizen=[region],
        )
        self.reclassering = PartyFactory(
            kind=PartyKind.RECLASSERING, name=f"Reclassering {code}", veiligheidshuizen=[region]
        )
        self.outsider = PartyFactory(
            kind=PartyKind.GGZ, name=f"GGZ {code}", veiligheidshuizen=[region]
        )
        self.partner = PartyFactory(extern=True, name=f"Partner {code}", veiligheidshuizen=[region])
        self.keeper = make_user(self.gemeente, Function.UITVOERDER, username=f"uitvoerder-{code}")
        self.chair = make_user(self.gemeente, Function.VOORZITTER, username=f"voorzitter-{code}")
        self.other_chair = make_user(self.politie, Function.VOORZITTER, username=f"vz2-{code}")
        self.stranger_chair = make_user(self.gemeente, Function.VOORZITTER, username=f"vz3-{code}")
        self.agent = make_user(self.politie, username=f"agent-{code}")
        self.reclasseerder = make_user(
            self.reclassering, Function.CASEMANAGER, username=f"reclassering-{code}"
        )
        self.overleg = casusoverleg(region, f"ICO CTER {code}")
        self.overleg.participants.set([self.politie, self.gemeente, self.reclassering])
        self.overleg.chairs.set([self.chair, self.other_chair])
        for user in (  # P8: everyone here may record in this file; their roles differ
            self.keeper,
            self.chair,
            self.other_chair,
            self.stranger_chair,
            self.agent,
            self.reclasseerder,
        ):
            authorise(user, self.overleg)

    def open_case(self, *, casusoverleg=None, participants=None, **person):
        return services.open_case(
            casusoverleg=casusoverleg or self.overleg,
            person={**PERSON, **person},
            identity_method=IdentityMethod.BRP,
            by=self.keeper,
            participants=participants or [self.politie, self.gemeente],
        )

    def hold(self, *cases, held_on=None, attendees=None, chair=None):
        return meeting_services.hold_meeting(
            casusoverleg=self.overleg,
            held_on=held_on or timezone.localdate(),
            chair=chair or self.chair,
            attendees=[self.politie, self.gemeente] if attendees is None else attendees,
            cases=cases,
            by=self.keeper,
        )

    def record(self, discussion, *, by=None, **fields):
        values = {
            "minutes": "Besproken met politie en gemeente.",
            "approach": "Gemeente voert gesprekken, politie houdt zicht.",
            "casemanager": None,
            "informing": "De casemanager informeert hem mondeling.",
        }
        return meeting_services.record_discussion(
            discussion, by=by or self.keeper, **{**values, **fields}
        )


ov_built, ov = per_module(lambda: Overleg(kennemerland()), name="ov")


# --- holding a meeting ------------------------------------------------------------------------


def test_c4_the_keeper_holds_a_meeting_with_a_date_chair_attendees_and_agenda(ov):
    first, second = ov.open_case(), ov.open_case(surname="Visser")
    meeting = ov.hold(first, second, held_on=date(2026, 11, 20))
    assert meeting.held_on == date(2026, 11, 20)
    assert meeting.chair == ov.chair
    assert set(meeting.attendees.all()) == {ov.politie, ov.gemeente}
    assert {d.case for d in meeting.discussions.all()} == {first, second}
    assert meeting.approved_at is None


@pytest.mark.parametrize("who", ["chair", "agent", "reclasseerder"])
def test_c4_only_the_keeper_holds_a_meeting(ov, who):
    case = ov.open_case()
    with pytest.raises(PermissionDenied):
        meeting_services.hold_meeting(
            casusoverleg=ov.overleg,
            held_on=timezone.localdate(),
            chair=ov.chair,
            attendees=[ov.gemeente],
            cases=[case],
            by=getattr(ov, who),
        )


def test_c4_the_chair_is_one_of_the_chairs_of_the_casusoverleg(ov):
    case = ov.open_case()
    with pytest.raises(ValidationError) as refused:
        ov.hold(case, chair=ov.stranger_chair)
    assert "chair" in refused.value.message_dict
    assert ov.hold(case, chair=ov.other_chair).chair == ov.other_chair


def test_c4_p6_attendees_take_part_in_the_casusoverleg_or_its_cases(ov):
    case = ov.open_case()
    for attendees in ([ov.outsider], [ov.partner], []):
        with pytest.raises(ValidationError) as refused:
            ov.hold(case, attendees=attendees)
        assert "attendees" in refused.value.message_dict
    record_declaration(ov.partner, by=ov.keeper)
    with pytest.raises(ValidationError):  # declared, but not taking part in an agenda case
        ov.hold(case, attendees=[ov.partner])
    services.add_participant(case, ov.partner, by=ov.keeper)
    meeting = ov.hold(case, attendees=[ov.gemeente, ov.partner])
    assert set(meeting.attendees.all()) == {ov.gemeente, ov.partner}


def test_c4_p6_the_meeting_form_offers_the_parties_and_the_declared_partners_of_its_cases(ov):
    """`selectors.meeting_parties`, the form's choices: the casusoverleg's parties, and an
    external partner only once it takes part in one of its cases (which needs its declaration
    recorded, P6); not the outsider, nor a partner whose participation ended. The same from a
    queryset of casusoverleggen and from a list of them (the page's, issue 13)."""
    case = ov.open_case()
    members = set(ov.overleg.participants.all())

    def offered():
        from_queryset = selectors.meeting_parties(CasusOverleg.objects.filter(pk=ov.overleg.pk))
        from_list = selectors.meeting_parties([ov.overleg])
        assert set(from_list) == set(from_queryset)
        return set(from_list)

    assert members and offered() == members
    record_declaration(ov.partner, by=ov.keeper)
    assert offered() == members  # declared, but in none of its cases
    veelplegers = casusoverleg(ov.region, "Veelplegers")
    veelplegers.participants.set([ov.politie, ov.gemeente])
    authorise(ov.keeper, veelplegers)
    other = ov.open_case(casusoverleg=veelplegers)
    services.add_participant(other, ov.partner, by=ov.keeper)
    assert offered() == members  # in a case of another casusoverleg
    services.add_participant(case, ov.partner, by=ov.keeper)
    assert offered() == members | {ov.partner}
    assert ov.outsider not in offered()
    services.end_participation(case, ov.partner, by=ov.keeper)
    assert offered() == members


def test_c4_c11_only_active_cases_of_this_casusoverleg_go_on_the_agenda(ov):
    veelplegers = casusoverleg(ov.region, "Veelplegers")
    veelplegers.participants.set([ov.politie, ov.gemeente])
    authorise(ov.keeper, veelplegers)  # P8: the keeper keeps both files
    elsewhere = ov.open_case(casusoverleg=veelplegers)
    closed = ov.open_case(surname="Dekker")
    services.advise_closing(closed, by=ov.keeper, advice="Doel bereikt.", advised_on=date.today())
    services.decide_closing(
        closed, by=ov.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date.today()
    )
    for case in (elsewhere, closed):
        with pytest.raises(ValidationError) as refused:
            ov.hold(case)
        assert "cases" in refused.value.message_dict
    with pytest.raises(ValidationError):
        ov.hold()


# --- the agenda -------------------------------------------------------------------------------


def test_c4_the_agenda_shows_measures_due_and_overdue_not_done_or_later_ones(ov):
    case = ov.open_case()
    held_on = timezone.localdate() + timedelta(days=14)

    def measure(text, deadline):
        return services.add_measure(
            case, by=ov.keeper, description=text, owner=ov.gemeente, deadline=deadline
        )

    overdue = measure("Huisbezoek", held_on - timedelta(days=10))
    due = measure("Gesprek met school", held_on)
    measure("Evaluatie", held_on + timedelta(days=1))
    done = measure("Intake", held_on - timedelta(days=20))
    services.report_progress(done, by=ov.keeper, text="Gedaan.", status=MeasureStatus.DONE)
    meeting = ov.hold(case, held_on=held_on)

    [item] = meeting_services.agenda(meeting)
    assert item.case == case
    assert item.measures == [overdue, due]
    assert item.measures == list(selectors.measures_due(case, until=held_on))
    assert [m.is_overdue for m in item.measures] == [True, False]


def test_c4_the_agenda_takes_as_many_queries_for_one_case_as_for_three(
    ov, django_assert_max_num_queries
):
    cases = [ov.open_case(surname=f"Naam{n}") for n in range(3)]
    for case in cases:
        services.add_measure(
            case, by=ov.keeper, description="Gesprek", owner=ov.gemeente, deadline=date.today()
        )
    one, three = ov.hold(cases[0]), ov.hold(*cases)
    with django_assert_max_num_queries(3) as queries:
        meeting_services.agenda(one)
    with django_assert_max_num_queries(len(queries)):
        items = meeting_services.agenda(three)
    assert [len(item.measures) for item in items] == [1, 1, 1]


# --- recording a discussion -------------------------------------------------------------------


def test_c4_every_discussion_ends_with_the_approach_and_how_the_subject_is_informed(ov):
    case = ov.open_case()
    discussion = ov.hold(case).discussions.get()
    for field in ("approach", "informing"):
        with pytest.raises(ValidationError) as refused:
            ov.record(discussion, **{field: "  "})
        assert field in refused.value.message_dict
    before = case.last_processed_at
    ov.record(discussion, by=ov.chair)
    discussion.refresh_from_db()
    case.refresh_from_db()
    assert discussion.approach.startswith("Gemeente voert")
    assert discussion.informing.startswith("De casemanager")
    assert case.last_processed_at > before


def test_c4_c8_the_minutes_are_free_text_under_the_guard(ov):
    discussion = ov.hold(ov.open_case()).discussions.get()
    with pytest.raises(ValidationError) as refused:
        ov.record(discussion, minutes="Gesproken over zijn ras.")
    assert "minutes" in refused.value.message_dict


@pytest.mark.parametrize("by", ["chair", "keeper"])
def test_c4_a_casemanager_acts_for_a_party_taking_part_and_is_set_on_the_case(ov, by):
    case = ov.open_case()
    discussion = ov.hold(case).discussions.get()
    with pytest.raises(ValidationError) as refused:
        ov.record(discussion, by=getattr(ov, by), casemanager=ov.reclasseerder)
    assert "casemanager" in refused.value.message_dict
    services.add_participant(case, ov.reclassering, by=ov.keeper)
    ov.record(discussion, by=getattr(ov, by), casemanager=ov.reclasseerder)
    case.refresh_from_db()
    discussion.refresh_from_db()
    assert discussion.casemanager == ov.reclasseerder
    assert case.casemanager == ov.reclasseerder


def test_c4_without_a_casemanager_the_case_keeps_its_own(ov):
    case = ov.open_case()
    services.set_casemanager(case, ov.agent, by=ov.keeper)
    ov.record(ov.hold(case).discussions.get(), casemanager=None)
    case.refresh_from_db()
    assert case.casemanager == ov.agent


@pytest.mark.parametrize("who", ["agent", "other_chair", "stranger_chair", "reclasseerder"])
def test_c4_only_the_meetings_chair_or_the_keeper_records_a_discussion(ov, who):
    discussion = ov.hold(ov.open_case()).discussions.get()
    with pytest.raises(PermissionDenied):
        ov.record(discussion, by=getattr(ov, who))


# --- approving the minutes --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["keeper", "agent", "other_chair", "stranger_chair"])
def test_c4_only_the_meetings_chair_approves_the_minutes(ov, who):
    meeting = ov.hold(ov.open_case())
    ov.record(meeting.discussions.get())
    with pytest.raises(PermissionDenied):
        meeting_services.approve_minutes(meeting, by=getattr(ov, who))
    meeting_services.approve_minutes(meeting, by=ov.chair)
    meeting.refresh_from_db()
    assert meeting.approved_at is not None


def test_c4_minutes_are_not_approved_while_a_discussion_lacks_its_ending(ov):
    meeting = ov.hold(ov.open_case(), ov.open_case(surname="Visser"))
    first, second = meeting.discussions.order_by("case__number")
    ov.record(first)
    with pytest.raises(ValidationError):
        meeting_services.approve_minutes(meeting, by=ov.chair)
    ov.record(second)
    meeting_services.approve_minutes(meeting, by=ov.chair)


def test_c4_the_minutes_are_final_once_the_chair_approves_them(ov):
    meeting = ov.hold(ov.open_case())
    discussion = meeting.discussions.get()
    ov.record(discussion)
    meeting_services.approve_minutes(meeting, by=ov.chair)
    for by in (ov.chair, ov.keeper):
        with pytest.raises(ValidationError):
            ov.record(discussion, by=by, minutes="Achteraf aangepast.")
    with pytest.raises(ValidationError):
        meeting_services.approve_minutes(meeting, by=ov.chair)
    discussion.refresh_from_db()
    assert discussion.minutes == "Besproken met politie en gemeente."
