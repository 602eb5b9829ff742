"""The web process freezes what it holds after start-up (`config.heap`, issue 13), so Python's
full collections walk only what requests made: checked in a process of its own, as gunicorn
imports the application (`config.wsgi`) and as the bench does (`bench.harness`)."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

REPORT = (
    "import gc, json, sys;"
    "print(json.dumps([gc.get_freeze_count(), 'cases.views.cases' in sys.modules]))"
)


def started(tmp_path, startup: str) -> tuple[int, bool]:
    """What a new process holds frozen after `startup`, and whether the views are loaded."""
    env = {
        "PATH": os.environ["PATH"],
        "DATA_DIR": str(tmp_path),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"{startup}; {REPORT}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    frozen, views = json.loads(result.stdout.splitlines()[-1])
    return frozen, views


@pytest.mark.parametrize(
    "startup",
    ["import config.wsgi", "import config.asgi", "from bench import harness; harness.setup()"],
)
def test_issue13_the_server_freezes_its_start_up_objects_with_every_view_loaded(tmp_path, startup):
    frozen, views = started(tmp_path, startup)
    assert views
    assert frozen > 50_000  # Django, the models and every view: some 150,000 objects


def test_issue13_without_the_server_nothing_is_frozen(tmp_path):
    """The check above can fail: Django set up alone freezes nothing."""
    frozen, views = started(tmp_path, "import django; django.setup()")
    assert (frozen, views) == (0, False)
    assert gc.isenabled()
