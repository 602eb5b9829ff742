"""The contract of the registry of files (ARCHITECTURE "The one idea"), run over every
registered file: a new file must pass it to exist. B1, B3, B5, B8, S2, R4, R6."""

import dataclasses
import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from security.models import AuditEntry, PurgedLink
from security.services.chain import seal_pending, verify_chain
from subjects import registry
from subjects.categories import DataCategory
from subjects.registry import DossierState, ExportItem, Recipient, dossier_item
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.subjects.dossier_fixtures import BUILDERS

pytestmark = pytest.mark.django_db

FILES = registry.files()


@pytest.fixture(scope="module", params=FILES, ids=[file.label for file in FILES])
def file(request):
    return request.param


once, built = per_module(
    lambda file: BUILDERS[file.label](kennemerland()), name="built", uses=("file",)
)


def trail(ref):
    return AuditEntry.objects.for_dossier(ref)


def state_of(file, ref) -> DossierState | None:
    listed = next((state for state in file.list_dossiers() if state.ref == ref), None)
    assert file.state(ref) == listed
    return listed


def test_every_registered_file_supplies_a_contract_fixture():
    assert {file.label for file in FILES} == set(BUILDERS)
    assert {"weegploeg", "ico"} <= set(BUILDERS)


def test_find_the_dossier_by_identity(file, built):
    assert built.ref in list(file.find_dossiers(built.identity))
    other = dataclasses.replace(built.identity, surname="Onbekend")
    assert built.ref not in list(file.find_dossiers(other))


def test_b1_state_of_every_dossier_without_names(file, built):
    state = state_of(file, built.ref)
    assert state is not None
    assert state.status and state.decision and state.decided_on is not None
    assert state.last_processed_on == file.last_processed_on(built.ref)
    assert state.archived is False and state.archived_on is None and state.deceased is False
    assert state.data_file_id == file.data_file(built.ref).pk
    assert state.opened_on <= state.last_processed_on
    text = json.dumps(dataclasses.asdict(state), default=str)
    assert not any(value in text for value in built.person_values)


def test_u6_b7_figures_of_a_dossier_without_names(file, built):
    """U6, B7: the figures of one dossier name its file, a month and a figure, no person or
    number; the reasons they carry are the file's known ones."""
    from subjects.registry import Figure

    state = state_of(file, built.ref)
    figures = list(file.figures(built.ref))
    assert figures and all(isinstance(figure, Figure) for figure in figures)
    assert {figure.data_file_id for figure in figures} == {state.data_file_id}
    assert all(figure.month.day == 1 and figure.count > 0 for figure in figures)
    assert (state.data_file_id, state.opened_on.replace(day=1), "opened", "", 1) in {
        dataclasses.astuple(figure) for figure in figures
    }
    decided = [f for f in figures if f.figure in {"decisions", "closed"}]
    assert [(f.month, f.reason, f.count) for f in decided] == [
        (state.decided_on.replace(day=1), state.decision, 1)
    ]
    assert state.decision in file.figure_reasons
    text = json.dumps([dataclasses.asdict(figure) for figure in figures], default=str)
    assert not any(value in text for value in built.person_values)
    assert built.ref.key not in text


def test_u6_figures_of_the_whole_file_add_up_the_dossiers_in_a_few_queries(
    file, built, region, django_assert_max_num_queries
):
    """U6: `figures()` counts every dossier of the file in the database: a second dossier
    adds to the same figures, and the number of queries does not grow with the dossiers."""
    from collections import Counter

    def total(figures):
        counted = Counter()
        for figure in figures:
            counted[(figure.data_file_id, figure.month, figure.figure, figure.reason)] += (
                figure.count
            )
        return counted

    one = total(file.figures(built.ref))
    with django_assert_max_num_queries(8):
        everything = total(file.figures())
    assert all(everything[key] >= number for key, number in one.items())
    assert sum(everything.values()) >= sum(one.values())
    destroyed_key = built.ref
    file.destroy(destroyed_key, by=built.keeper)
    assert list(file.figures(destroyed_key)) == []
    after = total(file.figures())
    assert all(after[key] == everything[key] - number for key, number in one.items())


def test_s2_every_entry_of_the_dossier_carries_it(file, built):
    """Each model of the file maps to the dossier root; every entry about it names the dossier."""
    from django.contrib.contenttypes.models import ContentType

    cts = [ContentType.objects.get_for_model(model) for model in file.dossier_paths]
    assert trail(built.ref).filter(content_type__in=cts).count() > 1
    unnamed = AuditEntry.objects.filter(content_type__in=cts, file_label="")
    assert not unnamed.exists()
    assert trail(built.ref).values("content_type").distinct().count() > 2


def test_r4_export_items_carry_source_date_and_category_and_the_read_is_logged(file, built):
    before = trail(built.ref).filter(action=AuditEntry.Action.ACCESS).count()
    sections = file.export(built.ref, by=built.keeper)
    found = [item for section in sections for item in section.items]
    assert found and all(isinstance(item, ExportItem) for item in found)
    categories = set(DataCategory.values)
    for item in found:
        assert item.source and item.category in categories, item
        assert item.item is None or dossier_item(built.ref, item.item) is not None
    assert any(item.on is not None for item in found)
    assert DataCategory.NAME_AND_ADDRESS in {item.category for item in found}
    for section in sections:
        assert section.purposes and section.recipients and section.sources, section.title
    # S2: one access entry that names the dossier root, the keeper as its actor.
    entries = trail(built.ref).filter(action=AuditEntry.Action.ACCESS)
    assert entries.count() == before + 1
    entry = entries.order_by("-pk").first()
    assert entry.actor == built.keeper and entry.additional_data == {"read": "export"}
    assert entry.object_repr == built.ref.key


def test_r6_recipients_as_records(file, built):
    found = file.recipients(built.ref)
    assert found and all(isinstance(recipient, Recipient) for recipient in found)
    for recipient in found:
        assert recipient.kind in {"disclosure", "transfer", "copy", "export"}
        assert recipient.party and recipient.what and recipient.on


def test_r6_rectify_one_item_is_logged_in_the_dossier_and_touches_it(file, built):
    before = file.last_processed_on(built.ref)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        file.rectify(built.ref, built.rectify, built.changes, by=built.keeper)
    row = dossier_item(built.ref, built.rectify)
    assert {name: getattr(row, name) for name in built.changes} == built.changes
    update = trail(built.ref).filter(action=AuditEntry.Action.UPDATE, object_pk=str(row.pk))
    latest = update.order_by("-pk").first()
    assert latest.actor == built.keeper
    assert set(latest.changes) >= set(built.changes)
    assert file.last_processed_on(built.ref) > before  # B1


def test_r6_rectify_refuses_a_link_and_an_item_of_another_dossier(file, built, region):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        file.rectify(built.ref, built.rectify, {"id": 1}, by=built.keeper)
    other = registry.DossierRef(built.ref.file_label, "X-0000-00000")
    with pytest.raises(LookupError):
        file.rectify(other, built.rectify, built.changes, by=built.keeper)


def test_r6_erase_one_item_leaves_nothing_of_it_but_a_record_in_the_dossier(file, built):
    file.erase(built.ref, built.erase, by=built.keeper)
    with pytest.raises(LookupError):
        dossier_item(built.ref, built.erase)
    entries = trail(built.ref).filter(object_pk=str(built.erase.pk))
    entries = [
        e for e in entries if e.content_type.model_class()._meta.label_lower == built.erase.model
    ]
    assert [(e.action, e.additional_data, e.actor) for e in entries] == [
        (AuditEntry.Action.DELETE, {"erased": True}, built.keeper)
    ]
    everything = json.dumps(
        list(trail(built.ref).values("changes", "object_repr", "serialized_data")), default=str
    )
    assert built.erased_value not in everything


def test_b3_b5_archive_and_reactivate(file, built):
    status = state_of(file, built.ref).status
    file.archive(built.ref, by=built.keeper)
    archived = state_of(file, built.ref)
    assert archived.archived and archived.archived_on == timezone.localdate()
    file.reactivate(built.ref, by=built.keeper)
    state = state_of(file, built.ref)
    assert not state.archived and state.archived_on is None
    assert state.status == status
    # B5: the reactivation is recorded, with who did it.
    assert trail(built.ref).filter(action=AuditEntry.Action.UPDATE, actor=built.keeper).exists()


def test_b8_destroy_removes_the_rows_and_the_whole_trail_but_the_destruction_record(file, built):
    """B8. The one entry left records the destruction in the audit trail (S2), without
    personal data; the archive law's proof is retention's destruction record."""
    assert trail(built.ref).count() > 5
    seal_pending()  # S2: the sealed entries' hashes stay behind, named by the record
    sealed = trail(built.ref).count()
    file.destroy(built.ref, by=built.keeper)

    assert built.ref not in list(file.find_dossiers(built.identity))
    assert state_of(file, built.ref) is None
    with pytest.raises(LookupError):
        dossier_item(built.ref, built.rectify)
    left = list(trail(built.ref))
    assert [(e.action, e.changes, e.additional_data["destroyed"]) for e in left] == [
        (AuditEntry.Action.DELETE, None, True)
    ]
    record = left[0]
    purged = PurgedLink.objects.filter(batch=record.additional_data["purged_links"])
    assert purged.count() == sealed and verify_chain().ok
    assert record.actor == built.keeper and record.object_repr == built.ref.key
    text = json.dumps([record.changes, record.serialized_data, record.object_repr], default=str)
    assert not any(value in text for value in built.person_values)


def test_b8_destroy_counts_the_rows_it_deleted_per_kind(file, built):
    """B8: what the destruction record holds: the rows deleted per kind, every model of the
    file among them (0 when it had none), the audit entries included; no personal data."""
    from config.audit import kind_of

    root = file.dossier_root(built.ref)
    entries = trail(built.ref).count()
    counts = file.destroy(built.ref, by=built.keeper)
    assert {kind_of(model) for model in file.dossier_paths} <= set(counts)
    assert counts[kind_of(type(root))] == 1
    assert counts[kind_of(AuditEntry)] >= entries
    assert all(isinstance(number, int) and number >= 0 for number in counts.values())
    assert sum(counts.values()) > len(file.dossier_paths)
    text = json.dumps(counts)
    assert not any(value in text for value in built.person_values)


def test_issue13_b8_destroy_many_destroys_each_dossier_as_destroy_does(file, built):
    """B8, issue 13: `destroy_many` destroys the dossiers it is given as `destroy` does, each
    with its own counts (its root once, its trail), the trail purged with the chain's links
    (S2); a dossier that is not there is left out. (Several dossiers of a file at once:
    tests/retention/test_sweep_batches.py.)"""
    from config.audit import kind_of
    from subjects.registry import DossierRef

    root_kind = kind_of(type(file.dossier_root(built.ref)))
    seal_pending()
    entries = trail(built.ref).count()
    gone = DossierRef(file.label, "X-0000-00000")
    destroyed = file.destroy_many([gone, built.ref], by=built.keeper, nowait=True)
    assert set(destroyed) == {built.ref}
    counts = destroyed[built.ref]
    assert file.state(built.ref) is None
    assert counts[root_kind] == 1 and counts[kind_of(AuditEntry)] >= entries
    assert [e.additional_data.get("destroyed") for e in trail(built.ref)] == [True]
    seal_pending()
    assert verify_chain().ok
    assert file.destroy_many([built.ref], by=built.keeper) == {}


def test_b8_a_second_destroy_is_a_no_op(file, built):
    file.destroy(built.ref, by=built.keeper)
    before = list(AuditEntry.objects.values_list("pk", flat=True))
    assert file.destroy(built.ref, by=built.keeper) == {}
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == before


def test_r1_restrict_one_item_hides_it_from_reads_but_not_from_the_access_answer(file, built):
    """R1, AVG 18 (afscherming): the item stays, ordinary reads leave it out, the access
    answer (R4) still holds it, the trail records the restriction without its values, and a
    second restriction changes nothing."""
    from subjects.models import Restriction

    row = dossier_item(built.ref, built.restrict)
    model = type(row)
    before = file.last_processed_on(built.ref)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        file.restrict(built.ref, built.restrict, reason="Bezwaar in behandeling.", by=built.keeper)
    assert not model.objects.filter(pk=row.pk).exists()
    assert model._base_manager.filter(pk=row.pk).exists()
    assert dossier_item(built.ref, built.restrict).pk == row.pk
    sections = file.export(built.ref, by=built.keeper)
    answer = json.dumps([dataclasses.asdict(s) for s in sections], default=str)
    assert built.restricted_value in answer
    entry = trail(built.ref).filter(object_pk=str(row.pk), additional_data={"restricted": True})
    assert entry.get().actor == built.keeper
    assert built.restricted_value not in json.dumps(entry.get().changes or {})
    assert file.last_processed_on(built.ref) > before  # B1
    file.restrict(built.ref, built.restrict, reason="Nogmaals.", by=built.keeper)
    assert Restriction.objects.filter(dossier_key=built.ref.key).count() == 1
    file.destroy(built.ref, by=built.keeper)
    assert not Restriction.objects.filter(dossier_key=built.ref.key).exists()  # B8


def test_r1_only_items_whose_absence_keeps_the_dossier_whole_are_restricted(file, built):
    from django.core.exceptions import ValidationError

    root = registry.item_ref(file.dossier_root(built.ref))
    with pytest.raises(ValidationError):
        file.restrict(built.ref, root, reason="Niet mogelijk.", by=built.keeper)
    with pytest.raises(ValidationError):
        file.restrict(built.ref, built.restrict, reason=" ", by=built.keeper)


def test_p8_the_dossier_names_the_file_it_is_kept_in(file, built):
    from parties.models import DataFile

    data_file = file.data_file(built.ref)
    assert isinstance(data_file, DataFile)
    assert data_file.kind == file.label


def test_s2_the_keys_of_a_file_hold_its_dossiers_and_no_other(file, built):
    from parties.models import DataFile

    data_file = file.data_file(built.ref)
    assert built.ref.key in set(file.dossier_keys(DataFile.objects.filter(pk=data_file.pk)))
    others = DataFile.objects.exclude(pk=data_file.pk)
    assert built.ref.key not in set(file.dossier_keys(others))


def test_i4_a_letter_is_addressed_to_the_subject_and_to_nobody_outside_the_dossier(file, built):
    addressee = file.addressee(built.ref, None)
    assert built.identity.surname in addressee.name
    assert addressee.address
    with pytest.raises(LookupError):  # a row of the dossier that is not a person
        file.addressee(built.ref, built.rectify)


def test_r7_an_upheld_objection_ends_the_processing_once(file, built):
    """R7, VH 18.4: the dossier is closed (a case) or decided as ended (an assessment) and so
    goes to retention from that day; the trail names who did it; the date moves (B1); a second
    call changes nothing."""
    built.ongoing()
    start = timezone.now() + timedelta(days=3)
    with time_machine.travel(start, tick=False):
        file.end_processing(built.ref, by=built.keeper, reason="Verzet gegrond na afweging.")
        state = state_of(file, built.ref)
        assert (state.status, state.decision) == built.ended
        assert state.decided_on == timezone.localdate()
        assert file.last_processed_on(built.ref) == timezone.localdate()  # B1
        assert not state.archived  # the retention sweep archives it in its time
        entries = trail(built.ref).filter(timestamp__gte=start)
        assert entries.exists() and {entry.actor for entry in entries} == {built.keeper}
        before = list(trail(built.ref).values_list("pk", flat=True))
    with time_machine.travel(start + timedelta(days=2), tick=False):
        file.end_processing(built.ref, by=built.keeper, reason="Nogmaals.")
    assert list(trail(built.ref).values_list("pk", flat=True)) == before
    assert state_of(file, built.ref) == state


def test_r1_lift_a_restriction_shows_the_item_again_and_is_logged_without_values(file, built):
    from subjects.models import Restriction

    row = dossier_item(built.ref, built.restrict)
    model = type(row)
    file.restrict(built.ref, built.restrict, reason="Bezwaar in behandeling.", by=built.keeper)
    assert not model.objects.filter(pk=row.pk).exists()
    file.lift_restriction(built.ref, built.restrict, by=built.keeper)
    assert model.objects.filter(pk=row.pk).exists()
    assert not Restriction.objects.filter(dossier_key=built.ref.key).exists()
    entry = trail(built.ref).filter(object_pk=str(row.pk), additional_data={"restricted": False})
    assert entry.get().actor == built.keeper and entry.get().changes is None
    count = trail(built.ref).count()
    file.lift_restriction(built.ref, built.restrict, by=built.keeper)  # nothing to lift
    assert trail(built.ref).count() == count


def test_u3_the_dossier_page_is_named_by_number_only(file, built):
    url = file.dossier_url(built.ref)
    assert built.ref.key in url
    assert not any(value in url for value in built.person_values)
