"""Issue 13, "Redis down for a minute", at its full length: the fault test of `make test`
(tests/load/test_redis_down.py) with the broker and the cache down for 60 seconds
(REDIS_OUTAGE_SECONDS), reading a page a second through the outage as a signed-in uitvoerder,
a write during it, and the deadline job caught up after it. Prints the outage's length and the
page times during it; fails when the test fails.

It runs on a test database pytest makes next to the bench's own (no bench data needed), with
a private Redis and gunicorn.

    python -m bench.redis_outage          REDIS_OUTAGE_SECONDS=120 for two minutes"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/load/test_redis_down.py"
WHICH = "redis_down_pages_keep_working"


def main() -> int:
    seconds = os.environ.get("REDIS_OUTAGE_SECONDS", "60")
    print(f"\n== Redis down for {seconds} s: pages, a write, the deadline job after it ==")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "outage.json"
        env = {**os.environ, "REDIS_OUTAGE_SECONDS": seconds, "REDIS_OUTAGE_REPORT": str(report)}
        env.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's own (pyproject)
        result = subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST, "-k", WHICH],
            cwd=ROOT,
            env=env,
        )
        if result.returncode != 0:
            print("FAIL: the outage test failed (above)")
            return result.returncode
        found = json.loads(report.read_text())
    times = sorted(found["page_seconds"])
    print(f"outage        {found['outage_seconds']:.0f} s")
    print(f"pages read    {len(times)}, every one 200 or 302")
    if times:
        print(f"page median   {statistics.median(times) * 1000:.0f} ms")
        print(f"page slowest  {times[-1] * 1000:.0f} ms")
    print("the breach clock's warning missed during the outage went out after it: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
