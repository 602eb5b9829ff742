"""S2 (CTER 15.1e): the audit log is chained by hash; a changed, removed or reordered entry is
found by the verification, and destruction (B8) and erasure keep it verifying."""

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db.models import DO_NOTHING
from django.db.models.signals import post_delete, pre_delete

from security.models import AuditEntry, ChainHead, PurgedLink, UnusualRead
from security.services.chain import (
    CHAIN_COLUMNS,
    HASHED_COLUMNS,
    Problem,
    delete_entries,
    seal_pending,
    verify_chain,
)
from subjects import registry
from subjects.registry import DossierRef
from tests.security.chain.conftest import TABLE, dossier, raw, sealed_entries
from tests.subjects.dossier_fixtures import BUILDERS
from tests.weegploeg.factories import Weegploeg

pytestmark = pytest.mark.django_db


def test_s2_sealing_gives_a_verifying_chain(wp):
    dossier(wp)
    dossier(wp, surname="Anders")
    written = AuditEntry.objects.count()
    assert written > 4
    assert AuditEntry.objects.filter(sequence__isnull=False).count() == 0

    result = seal_pending(batch_size=3)  # several batches

    assert result.sealed == written and result.head == written
    entries = list(sealed_entries())
    assert [e.sequence for e in entries] == list(range(1, written + 1))
    assert [e.pk for e in entries] == sorted(e.pk for e in entries)  # id order
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.previous_hash == before.entry_hash
    head = ChainHead.objects.get()
    assert (head.sequence, head.entry_hash) == (written, entries[-1].entry_hash)
    verified = verify_chain()
    assert verified.ok and verified.checked == written and verified.head == written


def test_s2_sealing_twice_seals_each_entry_once_and_extends_the_chain(wp):
    dossier(wp)
    first = seal_pending()
    assert seal_pending().sealed == 0
    dossier(wp, surname="Anders")
    second = seal_pending()
    assert second.sealed > 0 and second.head == first.head + second.sealed
    assert verify_chain().ok


def test_s2_the_hash_covers_every_column():
    """A column added to the entry must be hashed, or it could be changed unnoticed."""
    columns = {field.attname for field in AuditEntry._meta.concrete_fields}
    assert columns == set(HASHED_COLUMNS) | set(CHAIN_COLUMNS)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("object_repr", "'WP-VERVALST'"),
        ("timestamp", "timestamp + interval '1 second'"),
        ("actor_id", "NULL"),
        ("actor_party_name", "'Andere partij'"),
        ("changes", """'{"surname": ["a", "b"]}'::jsonb"""),
        ("additional_data", """'{"read": "list"}'::jsonb"""),
        ("action", "2"),
        ("dossier_key", "'WP-0000'"),
        ("remote_addr", "'10.0.0.1'"),
    ],
)
def test_s2_a_tampered_entry_is_found(wp, column, value):
    dossier(wp)
    dossier(wp, surname="Anders")
    seal_pending()
    # The read of the first dossier, in the middle of the chain: it has an actor and a dossier.
    victim = sealed_entries().filter(action=AuditEntry.Action.ACCESS).first()
    raw(f"UPDATE {TABLE} SET {column} = {value} WHERE id = %s", victim.pk)  # noqa: S608

    result = verify_chain()

    assert not result.ok
    assert (result.problem, result.entry_id, result.sequence) == (
        Problem.CHANGED,
        victim.pk,
        victim.sequence,
    )


def test_s2_a_deleted_entry_is_found(wp):
    dossier(wp)
    seal_pending()
    victim = sealed_entries()[1]
    raw(f"DELETE FROM {TABLE} WHERE id = %s", victim.pk)  # noqa: S608

    result = verify_chain()

    assert (result.ok, result.problem, result.sequence) == (False, Problem.MISSING, 2)


def test_s2_the_last_entries_cut_off_are_found(wp):
    dossier(wp)
    seal_pending()
    last = sealed_entries().last()
    raw(f"DELETE FROM {TABLE} WHERE id = %s", last.pk)  # noqa: S608

    result = verify_chain()

    assert (result.ok, result.problem, result.sequence) == (False, Problem.TRUNCATED, last.sequence)


def test_s2_a_reordered_entry_is_found(wp):
    dossier(wp)
    seal_pending()
    first, second = sealed_entries()[1:3]
    raw(f"UPDATE {TABLE} SET sequence = -1 WHERE id = %s", first.pk)  # noqa: S608
    raw(f"UPDATE {TABLE} SET sequence = %s WHERE id = %s", first.sequence, second.pk)  # noqa: S608
    raw(f"UPDATE {TABLE} SET sequence = %s WHERE id = %s", second.sequence, first.pk)  # noqa: S608

    result = verify_chain()

    assert not result.ok and result.sequence == first.sequence and result.entry_id == second.pk


def test_s2_an_entry_unsealed_behind_the_back_is_found(wp):
    """Setting an entry's sequence to NULL hides it from the walk: the gap is found, and the
    next sealing does not paper over it."""
    dossier(wp)
    seal_pending()
    victim = sealed_entries()[1]
    raw(f"UPDATE {TABLE} SET sequence = NULL WHERE id = %s", victim.pk)  # noqa: S608
    seal_pending()
    result = verify_chain()
    assert (result.ok, result.problem, result.sequence) == (False, Problem.MISSING, 2)


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_s2_b8_a_destruction_through_the_registry_does_not_break_the_chain(region, label):
    built = BUILDERS[label](region)
    seal_pending()
    purged = AuditEntry.objects.for_dossier(built.ref).count()
    assert purged > 5

    registry.get(label).destroy(built.ref, by=built.keeper)

    # The rows' own entries go first (by object), then the rest of the trail (by dossier).
    assert PurgedLink.objects.count() >= purged
    assert set(PurgedLink.objects.values_list("reason", flat=True)) <= {"trail", "destruction"}
    assert all(len(link.entry_hash) == 64 for link in PurgedLink.objects.all())
    before_sealing = verify_chain()
    assert before_sealing.ok, before_sealing.describe()
    assert before_sealing.crossed == PurgedLink.objects.count()
    seal_pending()  # the destruction record joins the chain
    assert verify_chain().ok


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_s2_r6_an_item_erasure_does_not_break_the_chain(region, label):
    built = BUILDERS[label](region)
    seal_pending()

    registry.get(label).erase(built.ref, built.erase, by=built.keeper)

    assert PurgedLink.objects.filter(reason="erasure").exists()
    seal_pending()
    result = verify_chain()
    assert result.ok, result.describe()


def test_s2_unsealed_entries_are_purged_without_a_trace_in_the_chain(wp):
    """Entries not yet sealed have no place in the chain: they simply go."""
    assessment = dossier(wp)
    seal_pending()
    later = dossier(wp, surname="Anders")
    registry.get("weegploeg").destroy(DossierRef("weegploeg", later.number), by=wp.uitvoerder)
    assert not PurgedLink.objects.exists()
    seal_pending()
    assert verify_chain().ok
    assert AuditEntry.objects.for_dossier(DossierRef("weegploeg", assessment.number)).exists()


def test_s2_an_entry_deleted_without_the_one_function_breaks_the_chain(wp):
    """The rule's other side: a path that deletes sealed entries itself is caught."""
    assessment = dossier(wp)
    seal_pending()
    AuditEntry.objects.for_dossier(DossierRef("weegploeg", assessment.number)).delete()
    assert not verify_chain().ok


def test_s2_the_command_exits_0_on_a_whole_chain_and_1_naming_the_broken_entry(region, capsys):
    # A world of its own: run as from the shell, the command closes the database connection,
    # and with it the transaction of the world the module's other tests share.
    dossier(Weegploeg(region))
    call_command("verify_audit_chain", "--seal")
    assert "verifies" in capsys.readouterr().out

    victim = sealed_entries()[1]
    raw(f"UPDATE {TABLE} SET object_repr = 'Jansen' WHERE id = %s", victim.pk)  # noqa: S608
    with pytest.raises(CommandError) as refused:
        call_command("verify_audit_chain")
    message = str(refused.value)
    assert f"entry {victim.pk} (sequence {victim.sequence})" in message
    assert "Jansen" not in message

    with pytest.raises(SystemExit) as exited:  # as from the shell
        ManagementUtility(["manage.py", "verify_audit_chain"]).execute()
    assert exited.value.code == 1


def test_s2_b8_issue13_entries_given_by_key_go_with_their_unusual_reads_and_links(wp):
    """`delete_entries` takes the pks a destruction found already (issue 13: not read again)
    and deletes by key in one statement per table; their links keep the chain verifying."""
    dossier(wp)
    seal_pending()
    entries = list(AuditEntry.objects.order_by("pk")[:3])
    kept = AuditEntry.objects.exclude(pk__in=[entry.pk for entry in entries]).first()
    for entry in [*entries, kept]:
        UnusualRead.objects.create(
            entry=entry, actor_id=0, timestamp=entry.timestamp, day=entry.timestamp.date()
        )
    assert delete_entries([entry.pk for entry in entries], reason="trail") == 3
    assert not AuditEntry.objects.filter(pk__in=[entry.pk for entry in entries]).exists()
    assert list(UnusualRead.objects.values_list("pk", flat=True)) == [kept.pk]
    assert PurgedLink.objects.filter(reason="trail").count() == 3
    assert verify_chain().ok


def test_s2_b8_issue13_nothing_hangs_on_an_entry_or_an_unusual_read_when_deleted_by_key():
    """`delete_entries` deletes both tables with plain statements: that keeps to what Django's
    delete would do only while no receiver listens for their deletion and nothing cascades."""
    for model in (AuditEntry, UnusualRead):
        assert not pre_delete.has_listeners(model) and not post_delete.has_listeners(model)
        relations = [
            field
            for field in model._meta.get_fields(include_hidden=True)
            if field.auto_created and not field.concrete and field.is_relation
        ]
        assert {relation.on_delete for relation in relations} <= {DO_NOTHING}, model
