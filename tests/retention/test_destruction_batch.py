"""A batch destroyed together (issue 13, ADR 0029): one collector over the roots of the batch,
yet each destruction record counts what went of its own dossier (B8), and the statistics kept
of the batch are those of its dossiers one by one (B7)."""

from collections import Counter
from datetime import date

import pytest

from subjects import registry
from tests.retention.sweep_fixtures import not_substantial, records, sweep
from tests.weegploeg.factories import PERSON, Weegploeg

pytestmark = pytest.mark.django_db

DECIDED, DUE = date(2027, 1, 4), date(2027, 7, 4)


def dossiers(region, count: int):
    wp = Weegploeg(region)
    person = {**PERSON}
    return [
        not_substantial(wp, on=DECIDED, person={**person, "surname": f"Jansen{n}"})
        for n in range(count)
    ]


def test_b8_each_record_of_a_batch_counts_its_own_dossier(region):
    """Four dossiers alike: one destroyed alone gives what each should count; the other three,
    destroyed in one batch, each count exactly that (no row counted to a neighbour)."""
    alone, *batch = dossiers(region, 4)
    expected = registry.get(alone.file_label).destroy(alone, by=None)
    assert expected  # rows, audit entries
    run = sweep(DUE)
    assert run.destroyed == 3
    for ref in batch:
        assert records(ref).get().counts == dict(sorted(expected.items()))


def test_b7_the_figures_of_a_batch_are_those_of_its_dossiers_added_up(region):
    refs = dossiers(region, 3)
    file = registry.get("weegploeg")
    one_by_one: Counter = Counter()
    for ref in refs:
        for figure in file.figures(ref):
            one_by_one[(figure.data_file_id, figure.month, figure.figure, figure.reason)] += (
                figure.count
            )
    together: Counter = Counter()
    for figure in file.figures_of(refs):
        together[(figure.data_file_id, figure.month, figure.figure, figure.reason)] += figure.count
    assert together == one_by_one and sum(together.values()) >= 3 * 3
