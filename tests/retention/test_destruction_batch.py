"""A batch destroyed together (issue 13, ADR 0029): one collector over the roots of the batch,
yet each destruction record counts what went of its own dossier (B8), and the statistics kept
of the batch are those of its dossiers one by one (B7)."""

from collections import Counter
from datetime import date

import pytest

from subjects import registry
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory
from tests.retention.sweep_fixtures import case, not_substantial, records, sweep
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


def _added_up(figures) -> Counter:
    found: Counter = Counter()
    for figure in figures:
        found[(figure.data_file_id, figure.month, figure.figure, figure.reason)] += figure.count
    return found


@pytest.mark.parametrize("file_label", ["weegploeg", "ico"])
def test_b7_the_figures_of_a_batch_are_those_of_its_dossiers_added_up(region, file_label):
    """`figures_of` (issue 13, ADR 0029): what retention keeps of a batch it destroys."""
    if file_label == "weegploeg":
        refs = dossiers(region, 3)
    else:
        ico = Ico(VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek"))
        refs = [case(ico, on=DECIDED) for _ in range(3)]
    file = registry.get(file_label)
    one_by_one = sum((_added_up(file.figures(ref)) for ref in refs), Counter())
    together = _added_up(file.figures_of(refs))
    assert together == one_by_one and sum(together.values()) >= 3


def test_b8_s2_each_dossier_of_a_batch_keeps_one_entry_naming_its_root(region):
    """The one audit entry left of each destroyed dossier names its file, its key and its
    root (content type and key), without personal data (S2)."""
    from django.contrib.contenttypes.models import ContentType

    from security.models import AuditEntry
    from weegploeg.models import Assessment

    refs = dossiers(region, 3)
    roots = dict(
        Assessment.objects.filter(number__in=[r.key for r in refs]).values_list("number", "pk")
    )
    assert sweep(DUE).destroyed == 3
    for ref in refs:
        (left,) = AuditEntry.objects.for_dossier(ref)
        assert (left.content_type, left.object_pk, left.object_id, left.object_repr) == (
            ContentType.objects.get_for_model(Assessment),
            str(roots[ref.key]),
            roots[ref.key],
            ref.key,
        )
        assert left.action == AuditEntry.Action.DELETE and left.additional_data["destroyed"]
