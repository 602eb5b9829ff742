"""Issue 13, "50 concurrent signed-in users for 5 minutes (locust, a realistic mix of reads and
writes) against gunicorn on PostgreSQL: 0 errors", on the bench's database: the same run as
`tests/load/run_load.py` (its short version runs in `make test`), with persistent database
connections as in production. Prints every kind of request with its count, failures, median
and 95th percentile; fails when any request failed.

    python -m bench.load       BENCH_LOAD_USERS=50 BENCH_LOAD_TIME=5m (the defaults)"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.load import run_load

    users = os.environ.get("BENCH_LOAD_USERS", "50")
    run_time = os.environ.get("BENCH_LOAD_TIME", "5m")
    print(f"\n== {users} signed-in users for {run_time}, locust against gunicorn ==")
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    os.environ.setdefault("SESSION_IDLE_MINUTES", "120")
    # As `make bench` sets it: the pages without collected static files (their names only).
    os.environ.setdefault(
        "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    out = ROOT / "build" / "bench-load"
    return run_load.main(["--users", users, "--run-time", run_time, "--out", str(out)])


if __name__ == "__main__":
    sys.exit(main())
