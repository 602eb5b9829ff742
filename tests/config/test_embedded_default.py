"""O1: the embedded default of `make run` (SQLite, no server) migrates and loads the demo data.

The rest of the suite runs on PostgreSQL; this runs the real commands in a subprocess on a fresh
SQLite database, so SQL that only PostgreSQL understands cannot slip into the demo's path."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_o1_the_embedded_default_migrates_and_seeds_twice(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DATA_DIR=str(tmp_path), DEMO_MODE="true")

    def manage(*args):
        return subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    for command in (("migrate", "--noinput", "-v0"), ("seed_demo",), ("seed_demo",)):
        done = manage(*command)
        assert done.returncode == 0, done.stderr[-3000:]
        # B3-B5: the stored due dates follow every change here too (a failed refresh is only
        # logged, and leaves the dossiers marked to be looked at on every sweep)
        assert "Stored due dates not refreshed" not in done.stderr, done.stderr[-3000:]
    assert list(tmp_path.glob("*.sqlite3")), "the embedded default is a SQLite file in DATA_DIR"
    # B8, S2: audit entries purged (a destruction, an erasure) with the links of the chain,
    # more than one list of keys of the embedded default at once
    purged = manage("shell", "-c", PURGE)
    assert purged.returncode == 0, purged.stderr[-3000:]
    assert purged.stdout.split()[-4:] == ["purged", "600", "600", "0"], purged.stdout[-500:]


PURGE = """
from security.models import AuditEntry, PurgedLink
from security.services.chain import delete_entries, seal_pending

seal_pending()
ids = list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True)[:600])
links = PurgedLink.objects.count()
deleted = delete_entries(ids, reason="test")
left = AuditEntry.objects.filter(pk__in=ids).count()
print("purged", deleted, PurgedLink.objects.count() - links, left)
"""
