"""One place per rule in the ICO files (issue 8, finding 3): when a measure is overdue (C3, C4),
who keeps a casusoverleg's file and who chairs it (C4, C11)."""

from datetime import date, timedelta

import pytest

from cases import selectors
from cases.constants import MeasureStatus
from cases.models import CasusOverleg, Measure
from parties.constants import Function
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory, authorise, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def test_c3_overdue_is_one_rule_in_the_database_and_in_python(ico):
    """Every status against a deadline before, on and after the day: the filter, the
    annotation and the predicate give the same answer, and only open measures past their
    deadline are overdue."""
    case = ico.open_case()
    expected = set()
    for status in MeasureStatus.values:
        for offset in (-1, 0, 1):
            # Rows in every status to read the rule against (set up, not a change).
            measure = Measure.objects.create(
                case=case,
                description="Maatregel.",
                owner=ico.politie,
                deadline=TODAY + timedelta(days=offset),
                status=status,
                created_by=ico.keeper,
            )
            if offset < 0 and status in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS):
                expected.add(measure.pk)
    measures = Measure.objects.filter(case=case)
    in_python = {m.pk for m in measures if selectors.is_overdue(m, on=TODAY)}
    in_filter = set(selectors.overdue_measures(measures, on=TODAY).values_list("pk", flat=True))
    annotated = {m.pk for m in selectors.with_overdue(measures, on=TODAY) if m.is_overdue}
    assert in_python == in_filter == annotated == expected
    flagged = case.__class__.objects.annotate(late=selectors.has_overdue_measures(on=TODAY)).get(
        pk=case.pk
    )
    assert flagged.late
    assert set(selectors.overdue_measures_in([case], on=TODAY)) == set(
        selectors.overdue_measures(measures, on=TODAY)
    )


def test_c4_keepers_are_the_uitvoerders_of_the_veiligheidshuis(ico):
    elsewhere = Ico(VeiligheidshuisFactory(code="elders", name="Veiligheidshuis Elders"))
    assert list(selectors.kept_overleggen(ico.keeper)) == [ico.overleg]
    assert selectors.is_keeper(ico.keeper, ico.overleg)
    assert not selectors.is_keeper(ico.keeper, elsewhere.overleg)
    for user in (ico.chair, ico.agent, ico.partner_user):
        assert not selectors.kept_overleggen(user).exists()
        assert not selectors.is_keeper(user, ico.overleg)
    # A keeper who may no longer act keeps nothing.
    ico.keeper.membership.ended_on = TODAY - timedelta(days=1)
    ico.keeper.membership.save()
    assert not selectors.is_keeper(ico.keeper, ico.overleg)


def test_c4_chairs_are_the_chairs_of_the_casusoverleg_while_they_may_act(ico):
    other = CasusOverleg.objects.create(
        name="Veelplegers",
        veiligheidshuis=ico.region,
        covenant_title="Convenant Veelplegers",
        covenant_reference="VH-VP-1",
        covenant_date=date(2020, 1, 1),
        controller="Gemeente",
    )
    second_chair = make_user(ico.gemeente, Function.VOORZITTER)
    other.chairs.set([second_chair])
    assert not selectors.is_chair_of(second_chair, other)  # P8: chairing alone opens nothing
    authorise(second_chair, other)
    authorise(ico.keeper, other)
    assert list(selectors.chaired_overleggen(ico.chair)) == [ico.overleg]
    assert selectors.is_chair_of(ico.chair, ico.overleg)
    assert not selectors.is_chair_of(ico.chair, other)
    assert not selectors.is_chair_of(ico.keeper, ico.overleg)
    assert set(selectors.chairs_of(CasusOverleg.objects.all())) == {ico.chair, second_chair}
    assert list(selectors.chairs_of(CasusOverleg.objects.filter(pk=other.pk))) == [second_chair]
    assert set(selectors.meeting_overleggen(ico.keeper)) == {ico.overleg, other}
    assert list(selectors.meeting_overleggen(ico.chair)) == [ico.overleg]
    assert not selectors.meeting_overleggen(ico.agent).exists()
    ico.chair.membership.ended_on = TODAY - timedelta(days=1)
    ico.chair.membership.save()
    assert not selectors.is_chair_of(ico.chair, ico.overleg)
    assert not selectors.meeting_overleggen(ico.chair).exists()
