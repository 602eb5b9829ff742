"""B7, B8: destroying one dossier through `destroy_dossier`: the figures are counted first, the
dossier goes with its holds, the destruction record holds the file, number, casusoverleg, rule,
dates, counts, batch and who ran it, all in one transaction; the ledger line follows the commit."""

import json
from datetime import date

import pytest
from django.db import transaction

from config.audit import kind_of
from retention import ledger
from retention.constants import Rule, Trigger
from retention.models import DestructionRecord, StatisticsCount, SweepRun
from retention.services.destruction import destroy_dossier
from subjects import registry
from subjects.registry import DossierRef
from tests.retention.destruction_fixtures import person_dossier
from tests.subjects.dossier_fixtures import BUILDERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ledger_file(settings, tmp_path):
    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"
    return settings.RETENTION_LEDGER


def figures(label):
    return {
        (row.file_name, row.month, row.figure, row.reason): row.count
        for row in StatisticsCount.objects.filter(file_label=label)
    }


def test_b8_the_record_names_the_file_rule_dates_counts_batch_and_who(
    region, django_capture_on_commit_callbacks
):
    built = BUILDERS["ico"](region)
    file = registry.get("ico")
    state = file.state(built.ref)
    run = SweepRun.objects.create(as_of=date(2032, 2, 1), trigger=Trigger.COMMAND)
    with django_capture_on_commit_callbacks(execute=True):
        record = destroy_dossier(
            built.ref, rule=Rule.DESTROY_TERM, due_on=date(2032, 1, 8), run=run, by=built.keeper
        )
    record.refresh_from_db()
    assert (record.file_label, record.dossier_key) == ("ico", built.ref.key)
    assert record.casusoverleg == state.casusoverleg == record.file_name != ""
    assert record.data_file_id == state.data_file_id
    assert (record.rule, record.due_on, record.run, record.destroyed_by) == (
        Rule.DESTROY_TERM,
        date(2032, 1, 8),
        run,
        built.keeper,
    )
    assert (record.opened_on, record.last_processed_on) == (
        state.opened_on,
        state.last_processed_on,
    )
    from cases.models import Case, Measure

    assert record.counts[kind_of(Case)] == 1 and record.counts[kind_of(Measure)] == 1
    assert file.state(built.ref) is None
    # The ledger outside the database has its line: no more than the record's dates and rule.
    (line,) = [json.loads(text) for text in ledger.path().read_text().splitlines()]
    assert line == {
        "file_label": "ico",
        "dossier_key": built.ref.key,
        "opened_on": state.opened_on.isoformat(),
        "destroyed_at": record.destroyed_at.isoformat(),
        "rule": Rule.DESTROY_TERM,
    }


def test_b7_the_figures_are_counted_before_the_dossier_goes(region):
    """B7, VH 20.4, U6: the file's figures of the dossier (`figures(ref)`: opened in the month
    it was opened, closed with its reason in the month it was closed, its measures) are kept
    per file; no key back to the person."""
    built = BUILDERS["ico"](region)
    file = registry.get("ico")
    kept, state = list(file.figures(built.ref)), file.state(built.ref)
    destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None)
    name = state.casusoverleg
    opened, closed = state.opened_on.replace(day=1), state.decided_on.replace(day=1)
    counted = figures("ico")
    assert counted == {(name, f.month, f.figure, f.reason): f.count for f in kept}
    assert counted[(name, opened, "opened", "")] == 1
    assert counted[(name, closed, "closed", state.decision)] == 1
    assert counted[(name, opened, "measures", "")] >= 1
    assert set(StatisticsCount.objects.values_list("data_file", flat=True)) == {state.data_file_id}


def test_b7_an_archived_dossier_keeps_whether_it_was_archived_on_time(region):
    """U6: destroying an archived dossier keeps its archive figure (on time or late)."""
    built = BUILDERS["weegploeg"](region)
    file = registry.get("weegploeg")
    file.archive(built.ref, by=built.keeper)
    state = file.state(built.ref)
    destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None)
    row = StatisticsCount.objects.get(figure="archived")
    # Archived the day it was decided: long before its term, so on time.
    assert (row.month, row.reason, row.count) == (state.archived_on.replace(day=1), "on_time", 1)


def test_b7_figures_add_up_over_dossiers(region):
    """B7: a second dossier of the same file and month adds to the same figure (an upsert)."""
    from tests.weegploeg.factories import signal

    dossier = person_dossier(region)
    state = registry.get("weegploeg").state(dossier.ref)
    wp = dossier.wp
    other = signal(by=wp.agent, brought_by=wp.politie, region=region, person={"surname": "Ander"})
    destroy_dossier(dossier.ref, rule=Rule.NOT_AGENDERED, due_on=None)
    other_ref = DossierRef("weegploeg", other.assessment.number)
    destroy_dossier(other_ref, rule=Rule.DESTROY_TERM, due_on=None)
    opened = StatisticsCount.objects.get(
        file_label="weegploeg", figure="opened", month=state.opened_on.replace(day=1)
    )
    assert opened.count == 2
    assert opened.file_name == dossier.data_file.name
    assert opened.data_file == dossier.data_file


def test_b8_a_second_destruction_is_a_no_op(region):
    built = BUILDERS["weegploeg"](region)
    assert destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None) is not None
    counted = list(StatisticsCount.objects.values_list("pk", "count"))
    assert destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None) is None
    assert DestructionRecord.objects.count() == 1
    assert list(StatisticsCount.objects.values_list("pk", "count")) == counted
    assert destroy_dossier(DossierRef("ico", "ICO-GEEN"), rule=Rule.DECEASED, due_on=None) is None


def test_b8_a_failure_halfway_leaves_the_dossier_whole_and_no_record(region, monkeypatch):
    """Everything in one transaction: a failure in the destroy leaves the figures, the dossier
    and its trail as they were, and no record nor ledger line."""
    built = BUILDERS["weegploeg"](region)
    file = registry.get("weegploeg")

    def broken(ref, *, by):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(file), "destroy", lambda self, ref, *, by: broken(ref, by=by))
    with pytest.raises(RuntimeError), transaction.atomic():
        destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None)
    assert file.state(built.ref) is not None
    assert not DestructionRecord.objects.exists()
    assert not StatisticsCount.objects.exists()
    assert not ledger.path().exists()


def test_b8_the_ledger_line_waits_for_the_commit(region, django_capture_on_commit_callbacks):
    built = BUILDERS["weegploeg"](region)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        destroy_dossier(built.ref, rule=Rule.DESTROY_TERM, due_on=None)
    assert not ledger.path().exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert [entry.dossier_key for entry in ledger.read()] == [built.ref.key]
