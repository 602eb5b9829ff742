"""Issue 13, "50 concurrent signed-in users for 5 minutes ... 0 errors", in its short version
for `make test`: ten users of three functions (uitvoerder, politie, external partner) for
twenty seconds against gunicorn on PostgreSQL, reads and writes mixed (tests/load/locustfile.py),
through `tests/load/run_load.py`, which also runs the long version for the bench. Locust runs
in a process of its own: gevent patches the process it is imported in."""

import json
import subprocess
import sys

from tests.load.processes import ROOT, project_environment


def test_issue13_signed_in_users_under_load_get_no_errors(load_site, server, tmp_path):
    result = subprocess.run(
        [sys.executable, "tests/load/run_load.py", "--users", "10", "--spawn-rate", "10",
         "--run-time", "20s", "--host", server.url, "--out", str(tmp_path)],
        cwd=ROOT,
        env=project_environment(DATABASE_URL=load_site.database_url),
        capture_output=True,
        text=True,
        timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["failures"] == 0
    requests = {row["name"]: row["requests"] for row in summary["requests_by_name"]}
    assert summary["requests"] >= 50, requests
    # Every function worked: its pages were read, and signals were entered.
    for name in ("GET dashboard", "GET weegploeg list", "GET disclosure list"):
        assert requests.get(name), (name, requests)
    assert requests.get("POST enter a signal"), requests
    log = server.log.read_text()
    assert "Internal Server Error" not in log and "Traceback" not in log
