"""Issue 13: the embedded default (SQLite) never answers "database is locked" to two people
saving at once: WAL, a busy timeout and transactions that take the write lock when they start.

Runs the real settings in a subprocess with no DATABASE_URL (SQLite in a temporary DATA_DIR),
as `make run` does: two threads, each in a transaction that reads and then writes, overlap on
purpose. With SQLite's own defaults the second one fails at once on upgrading its read lock."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saved (id INTEGER PRIMARY KEY, who TEXT)")
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
connection.close()

both_in = threading.Barrier(2, timeout=30)
errors = []

def save(who):
    try:
        both_in.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM saved")
                cursor.fetchone()
                time.sleep(0.3)  # the other one comes in meanwhile
                cursor.execute("INSERT INTO saved (who) VALUES (%s)", [who])
    except Exception as error:
        errors.append(str(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=save, args=(who,)) for who in ("a", "b")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM saved")
    saved = cursor.fetchone()[0]
print(json.dumps({"mode": mode, "errors": errors, "saved": saved}))
"""


def test_issue13_two_writers_at_once_on_the_embedded_sqlite_are_not_locked_out(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["mode"] == "wal"
    assert result["errors"] == []  # no "database is locked"
    assert result["saved"] == 2
