"""The web process freezes what it holds after start-up (`config.heap`, issue 13), so Python's
full collections walk only what requests made: checked in a process of its own, as gunicorn
imports the application (`config.wsgi`) and as the bench does (`bench.harness`)."""

import gc
import json

import pytest

from tests.config.clean_process import run_clean

REPORT = (
    "import gc, json, sys;"
    "print(json.dumps([gc.get_freeze_count(), 'cases.views.cases' in sys.modules]))"
)


def started(tmp_path, startup: str) -> tuple[int, bool]:
    """What a new process holds frozen after `startup`, and whether the views are loaded."""
    printed = run_clean(
        tmp_path,
        f"{startup}; {REPORT}",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
    )
    frozen, views = json.loads(printed.splitlines()[-1])
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
