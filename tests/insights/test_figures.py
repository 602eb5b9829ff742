"""U6: the figures per Veiligheidshuis, casusoverleg and period are right for a small data set
built through the files' services (counted live, `insights.live`, as the summary job counts
them), survive destruction, and never show a count below 5."""

from datetime import date

import pytest

from insights import figures, live, summary
from insights.figures import Selection, suppress
from insights.forms import FiguresFilterForm
from insights.selectors import selection_for
from retention.constants import Rule
from retention.services.destruction import destroy_dossier
from tests.factories import data_file
from tests.insights.fixtures import at

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 1)


def selection(world, *files, first=NOVEMBER, last=NOVEMBER, overleg=None):
    files = files or (data_file(world.ag.region), data_file(world.ag.overleg))
    return Selection(
        data_files=tuple(files),
        regions=(world.ag.region,),
        first=first,
        last=last,
        casusoverleg=overleg,
    )


def counted(world, **kwargs):
    return live.counts(selection(world, **kwargs))


def test_u6_suppression_hides_1_to_4_and_shows_0_and_5_up():
    assert [suppress(n).text for n in range(7)] == ["0", "<5", "<5", "<5", "<5", "5", "6"]
    assert [suppress(n).value for n in (0, 3, 5)] == [0, None, 5]


def test_u6_the_figures_of_a_region_and_a_month_are_right(world):
    found = live.counts(selection(world))
    assert found[("signals", "", NOVEMBER)] == 6
    assert found[("opened", "", NOVEMBER)] == 6 + 1  # six assessments and the case
    assert found[("decisions", "agenderen", NOVEMBER)] == 5
    assert found[("decisions", "onvoldoende", NOVEMBER)] == 1
    assert found[("days_to_decision", "15-28", NOVEMBER)] == 5
    assert found[("days_to_decision", "0-7", NOVEMBER)] == 1
    assert found[("measures", "", NOVEMBER)] == 1
    # Done on 25 November, deadline 31 December: on time, in the month of its deadline.
    assert found[("measures_due", "on_time", date(2026, 12, 1))] == 0
    december = live.counts(selection(world, first=NOVEMBER, last=date(2026, 12, 1)))
    assert december[("measures_due", "on_time", date(2026, 12, 1))] == 1
    # Another region's dossier is not counted; an earlier period holds nothing.
    assert sum(counted(world, first=date(2026, 9, 1), last=date(2026, 10, 1)).values()) == 0


def test_u6_a_casusoverleg_selects_its_own_file_only(world):
    found = live.counts(selection(world, data_file(world.ag.overleg)))
    assert found[("signals", "", NOVEMBER)] == 0
    assert found[("opened", "", NOVEMBER)] == 1


def test_u6_b7_a_destroyed_dossier_still_counts(world):
    """The counts survive destruction: the kept figures (StatisticsCount) replace the live."""
    before = live.counts(selection(world))
    with at("2026-12-01"):
        destroy_dossier(world.refs[4], rule=Rule.DESTROY_TERM, due_on=date(2026, 12, 1))
    after = live.counts(selection(world, last=date(2026, 12, 1)))
    for key in (
        ("signals", "", NOVEMBER),
        ("decisions", "agenderen", NOVEMBER),
        ("days_to_decision", "15-28", NOVEMBER),
        ("opened", "", NOVEMBER),
    ):
        assert after[key] == before[key], key
    assert after[("destroyed", "on_time", date(2026, 12, 1))] == 1


def test_u6_the_tables_show_5_and_up_and_hide_the_rest(world):
    chosen = selection(world)
    tables = {table.key: table for table in figures.tables(chosen, summary.counts(chosen))}
    signals = {row.label: row.cell.text for row in tables["signals"].rows}
    assert list(signals.values()) == ["6"]
    decisions = [row.cell.text for row in tables["decisions"].rows]
    assert sorted(decisions) == ["5", "<5"]
    chart = tables["decisions"].chart()
    assert sorted(chart["values"], key=str) == [5, None]
    assert any("(<5)" in label for label in chart["labels"])


def test_u6_a_user_selects_only_the_files_of_their_own_region(world):
    mine = selection_for(world.keeper)
    assert {f.veiligheidshuis_id for f in mine.data_files} == {world.ag.region.pk}
    elders = data_file(world.elders.region)
    form = FiguresFilterForm(
        world.keeper, {"region": world.elders.region.pk, "first": "2026-11", "last": "2026-11"}
    )
    assert not form.is_valid() and "region" in form.errors
    assert elders not in selection_for(world.keeper, form).data_files


def test_u6_the_filter_refuses_a_reversed_period_and_keeps_the_input(world):
    form = FiguresFilterForm(world.keeper, {"first": "2026-12", "last": "2026-11"})
    assert not form.is_valid() and "last" in form.errors
    assert form["first"].value() == "2026-12"
