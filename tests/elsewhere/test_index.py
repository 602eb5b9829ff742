"""K1-K3: the published index: one row per kind of pseudonym for each dossier of a file with a
legal basis, kept by the signals on the dossier roots (a new name, archived), and rebuilt
(nightly, after a key rotation) in a few queries per chunk, whatever the number of dossiers."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elsewhere import index, pseudonyms
from elsewhere.models import Pseudonym
from tests.elsewhere.conftest import ask, dossier
from tests.factories import VeiligheidshuisFactory, data_file

pytestmark = pytest.mark.django_db


def rows_of(key: str) -> dict[str, Pseudonym]:
    return {row.kind: row for row in Pseudonym.objects.filter(dossier_key=key)}


def test_k2_one_row_per_kind_and_bsn_only_with_a_bsn(holding, with_basis):
    """K2: name, surname and (with a BSN only) BSN; the values are the pseudonyms of the
    person under the current key; no name or number of the dossier's content in them."""
    without = dossier(holding)
    with_bsn = dossier(holding, given_names="Jan", bsn="111222333")
    assert set(rows_of(without.number)) == {"name", "surname"}
    rows = rows_of(with_bsn.number)
    assert set(rows) == {"bsn", "name", "surname"}
    assert rows["bsn"].value == pseudonyms.of_identity(with_bsn)["bsn"]
    assert {row.key_id for row in rows.values()} == {pseudonyms.key_id()}
    assert {row.data_file for row in rows.values()} == {data_file(holding.region)}
    assert all(pseudonyms.is_pseudonym(row.value) for row in rows.values())


def test_k3_a_root_saved_refreshes_its_rows_in_its_transaction(holding, with_basis):
    """K1: a rectified name is published at once, the old pseudonym gone; archived and
    reactivated is the flag."""
    held = dossier(holding)
    old = rows_of(held.number)["name"].value
    held.given_names = "Pieter"
    held.save()
    assert rows_of(held.number)["name"].value == pseudonyms.of_identity(held)["name"] != old
    held.archived_at = held.created_at
    held.save(update_fields=["archived_at"])
    assert all(row.archived for row in rows_of(held.number).values())


def test_k3_a_save_of_other_fields_leaves_the_index_alone(holding, with_basis):
    """A save naming only fields no pseudonym reads (the last processing date) reads and
    writes nothing of the index."""
    held = dossier(holding)
    with CaptureQueriesContext(connection) as queries:
        held.save(update_fields=["last_processed_at"])
    assert not [q for q in queries.captured_queries if "elsewhere_" in q["sql"]]


def test_k1_no_rows_without_a_basis(holding, asking):
    """K1, C10: a file without a basis publishes nothing; saving its roots reads two tables."""
    held = dossier(holding)
    assert not Pseudonym.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        held.save()
    assert len([q for q in queries.captured_queries if "elsewhere_" in q["sql"]]) <= 2


def test_k2_rebuild_repairs_and_removes(holding, with_basis):
    """K2, K3: rebuild restores missing and changed rows, removes rows of dossiers gone (a
    destruction no signal saw) and rows of files without a basis."""
    held = dossier(holding, bsn="111222333")
    wanted = {(r.kind, r.value) for r in rows_of(held.number).values()}
    Pseudonym.objects.filter(kind="bsn").delete()
    Pseudonym.objects.filter(kind="name").update(value="0" * 64, archived=True)
    ghost = Pseudonym.objects.create(
        file_label="weegploeg",
        dossier_key="WP-GONE",
        data_file=data_file(holding.region),
        kind="name",
        value="1" * 64,
        key_id=pseudonyms.key_id(),
    )
    stray = data_file(VeiligheidshuisFactory(code="elders"))  # a file without a basis
    unpublished = Pseudonym.objects.create(
        file_label="weegploeg",
        dossier_key=held.number + "-x",
        data_file=stray,
        kind="name",
        value="2" * 64,
        key_id=pseudonyms.key_id(),
    )
    assert index.rebuild() == 2
    assert {(r.kind, r.value) for r in rows_of(held.number).values()} == wanted
    assert not any(r.archived for r in rows_of(held.number).values())
    assert not Pseudonym.objects.filter(pk__in=[ghost.pk, unpublished.pk]).exists()
    assert index.rebuild() == 0  # nothing to change: nothing written


def test_k2_after_a_key_rotation_rebuild_publishes_under_the_new_key(
    asking, holding, with_basis, settings
):
    """K2: rows under another key answer nothing (no false "no hit" from a stale key: they are
    not compared); the rebuild publishes under the new key."""
    dossier(holding)
    settings.KNOWN_ELSEWHERE_KEY = "een-nieuwe-gedeelde-sleutel"
    assert ask(asking).answers == []
    call_command("rebuild_known_elsewhere", stdout=io.StringIO())
    assert set(Pseudonym.objects.values_list("key_id", flat=True)) == {pseudonyms.key_id()}
    assert len(ask(asking).answers) == 1


def test_k2_rebuild_takes_few_queries_per_chunk(holding, with_basis, monkeypatch):
    """K2: national scale: the rebuild's queries grow with the chunks, not the dossiers."""
    for number in range(12):
        dossier(holding, given_names=f"Persoon{chr(65 + number)}")
    Pseudonym.objects.all().delete()
    monkeypatch.setattr(index, "CHUNK", 4)
    with CaptureQueriesContext(connection) as queries:
        assert index.rebuild() == 24
    # 3 chunks of 4 and an empty one: a handful of queries each, plus the clean-ups.
    assert len(queries.captured_queries) <= 4 * 8 + 10
    assert Pseudonym.objects.count() == 24


def test_publish_and_withdraw_by_key(holding, with_basis):
    """The index's API: withdraw removes a dossier's rows, publish restores them."""
    held = dossier(holding)
    assert index.withdraw("weegploeg", [held.number]) == 2
    assert not rows_of(held.number)
    assert index.publish("weegploeg", [held.number]) == 2
    assert set(rows_of(held.number)) == {"name", "surname"}


def test_nightly_task_rebuilds(holding, with_basis):
    from elsewhere.tasks import rebuild_index

    dossier(holding, date_of_birth=date(1970, 1, 1))
    Pseudonym.objects.all().delete()
    assert rebuild_index() == 2


def test_k2_the_index_is_filled_once_when_first_made(holding, with_basis):
    """The migration that makes the index publishes the dossiers there are (post_migrate)."""
    from django.db.migrations.loader import MigrationLoader

    from elsewhere.index_signals import build_when_made

    dossier(holding)
    Pseudonym.objects.all().delete()
    made = MigrationLoader(None, ignore_no_migrations=True).get_migration(
        "elsewhere", "0001_initial"
    )
    build_when_made(sender=None, plan=[(made, True)])  # backwards: nothing
    assert not Pseudonym.objects.exists()
    build_when_made(sender=None, plan=[(made, False)])
    assert Pseudonym.objects.count() == 2


def test_k2_only_pseudonyms_are_compared(asking, holding, with_basis):
    """A value that is no pseudonym (a name sent by mistake) matches nothing."""
    from elsewhere.answering import held_by
    from elsewhere.selectors import published_files

    dossier(holding)
    assert held_by({"surname": "Jansen", "name": "x"}, files=published_files()) == []
