"""B8: a database restored from a backup made before a destruction brings the person back;
`manage.py retention_replay` reads the ledger of destructions kept outside the database and
destroys them again (rule "herhaling", a new destruction record), but never a dossier whose
number was issued again after the destruction."""

import json
import shutil
import subprocess
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from retention import ledger
from retention.constants import Rule, Trigger
from retention.models import DestructionRecord, SweepRun
from retention.services.destruction import destroy_dossier, replay
from security.models import AuditEntry
from subjects import registry
from tests.retention.destruction_fixtures import person_dossier
from tests.retention.test_nothing_remains import found_in_database


@pytest.fixture(autouse=True)
def ledger_file(settings, tmp_path):
    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"
    return settings.RETENTION_LEDGER


def write_line(ledger_file, key, opened_on, destroyed_at):
    line = {
        "file_label": "weegploeg",
        "dossier_key": key,
        "opened_on": opened_on,
        "destroyed_at": destroyed_at.isoformat(),
        "rule": Rule.DESTROY_TERM,
    }
    ledger_file.write_text(json.dumps(line) + "\n")


def pg_command(program, *args):
    db = connection.settings_dict
    command = [program, "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"]]
    if db["PORT"]:
        command += ["-p", str(db["PORT"])]
    env = {"PGPASSWORD": db["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    subprocess.run([*command, *args], check=True, env=env, capture_output=True)


@pytest.mark.skipif(
    shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
    reason="pg_dump and pg_restore are needed for a real backup and restore",
)
@pytest.mark.django_db(transaction=True)
def test_b8_replay_after_a_real_restore_destroys_again(region, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a real backup and restore needs PostgreSQL")
    name = connection.settings_dict["NAME"]
    dossier = person_dossier(region)
    backup = tmp_path / "backup.dump"
    pg_command("pg_dump", "-Fc", "-f", str(backup), name)  # the nightly backup

    with transaction.atomic():
        first = destroy_dossier(dossier.ref, rule=Rule.DESTROY_TERM, due_on=None)
    assert registry.get("weegploeg").state(dossier.ref) is None
    assert [entry.dossier_key for entry in ledger.read()] == [dossier.ref.key]

    connections.close_all()
    pg_command(
        "pg_restore", "--clean", "--if-exists", "--single-transaction", "-d", name, str(backup)
    )
    # The restore brought the person back, and lost the destruction record with it.
    assert registry.get("weegploeg").state(dossier.ref) is not None
    assert not DestructionRecord.objects.filter(pk=first.pk).exists()
    assert found_in_database(dossier.values)

    out = StringIO()
    call_command("retention_replay", "--dry-run", stdout=out)
    assert dossier.ref.key in out.getvalue()
    assert registry.get("weegploeg").state(dossier.ref) is not None  # a dry run changes nothing

    call_command("retention_replay", stdout=out)
    assert registry.get("weegploeg").state(dossier.ref) is None
    assert found_in_database(dossier.values) == []
    record = DestructionRecord.objects.get(dossier_key=dossier.ref.key)
    assert record.rule == Rule.REPLAY and record.run.trigger == Trigger.COMMAND
    assert record.run.destroyed == 1 and record.run.finished_at is not None
    assert AuditEntry.objects.filter(dossier_key=dossier.ref.key).count() == 1  # the entry of it
    # A second replay finds nothing more to do.
    assert replay() == []
    assert SweepRun.objects.count() == 1


@pytest.mark.django_db
def test_b8_replay_after_rows_came_back_destroys_again_without_pg_tools(region, ledger_file):
    """The same without a real restore: the ledger names a dossier destroyed today that exists
    (as after a restore); the replay destroys it, and a dry run only lists it."""
    dossier = person_dossier(region)
    write_line(ledger_file, dossier.ref.key, None, timezone.now() + timedelta(minutes=1))
    assert [item.dossier_key for item in replay(dry_run=True)] == [dossier.ref.key]
    assert registry.get("weegploeg").state(dossier.ref) is not None
    assert [item.dossier_key for item in replay()] == [dossier.ref.key]
    assert registry.get("weegploeg").state(dossier.ref) is None
    assert DestructionRecord.objects.get().rule == Rule.REPLAY


@pytest.mark.django_db
def test_b8_replay_leaves_a_dossier_whose_number_was_issued_after_the_destruction(
    region, ledger_file
):
    """A dossier opened after the destruction date under the same number is another one."""
    dossier = person_dossier(region)
    destroyed_at = timezone.now() - timedelta(days=3)
    write_line(ledger_file, dossier.ref.key, "2020-01-01", destroyed_at)
    assert replay() == []
    assert registry.get("weegploeg").state(dossier.ref) is not None
    assert not DestructionRecord.objects.exists()


@pytest.mark.django_db
def test_b8_a_broken_ledger_line_is_skipped(ledger_file):
    ledger_file.write_text('{"file_label": "weegploeg", "dossier_key"\n')
    assert list(ledger.read()) == []
    assert replay() == []
