"""Load the project as in production (issue 13): signed-in users of several functions
(`tests/load/locustfile.py`) against gunicorn on PostgreSQL, and report every kind of request
with its count, failures, median and 95th percentile.

    # 50 users for 5 minutes, on the database of DATABASE_URL (e.g. the national seed):
    .venv/bin/python tests/load/run_load.py
    # the short version `make test` runs (tests/load/test_postgres_load.py):
    .venv/bin/python tests/load/run_load.py --users 10 --run-time 20s

It signs in users on that database (`tests/load/prepare.py`), starts gunicorn on a free port
(`--workers`, default 2; or give `--host` of a server already running on the same database,
over HTTPS or with SECURE_COOKIES=false), runs locust headless, and writes to `--out`
(default `build/load/`) locust's stats (`stats.json`, `load_*.csv`) and `summary.json`.
Exits 1 when any request failed. Timings are figures for `docs/performance.md`; the test
asserts only that nothing failed."""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.load.processes import BIN, ROOT, Gunicorn, project_environment, run_prepare  # noqa: E402

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def percentile(histogram: dict, fraction: float) -> float:
    """From locust's histogram of response times (rounded milliseconds -> count)."""
    times = sorted((float(ms), count) for ms, count in histogram.items())
    total = sum(count for _, count in times)
    if not total:
        return 0.0
    seen = 0
    for ms, count in times:
        seen += count
        if seen >= fraction * total:
            return ms
    return times[-1][0]


def summarise(stats: list[dict], *, users: int, run_time: str) -> dict:
    rows = []
    started = min((e["start_time"] for e in stats), default=0)
    ended = max((e["last_request_timestamp"] or 0 for e in stats), default=0)
    seconds = max(ended - started, 1e-9)
    for entry in sorted(stats, key=lambda e: (e["method"], e["name"])):
        requests = entry["num_requests"]
        rows.append(
            {
                "name": f"{entry['method']} {entry['name']}",
                "requests": requests,
                "failures": entry["num_failures"],
                "median_ms": percentile(entry["response_times"], 0.5),
                "p95_ms": percentile(entry["response_times"], 0.95),
                "per_second": round(requests / seconds, 2),
            }
        )
    every: dict = {}
    for entry in stats:
        for ms, count in entry["response_times"].items():
            every[ms] = every.get(ms, 0) + count
    return {
        "users": users,
        "run_time": run_time,
        "requests": sum(row["requests"] for row in rows),
        "per_second": round(sum(row["requests"] for row in rows) / seconds, 2),
        "failures": sum(row["failures"] for row in rows),
        "median_ms": percentile(every, 0.5),
        "p95_ms": percentile(every, 0.95),
        "requests_by_name": rows,
    }


def print_summary(summary: dict) -> None:
    print(f"\n{summary['users']} users for {summary['run_time']}: {summary['requests']} requests, "
          f"{summary['failures']} failures, {summary['per_second']}/s, median "
          f"{summary['median_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms")  # fmt: skip
    print(f"{'request':<44} {'count':>7} {'fail':>5} {'median':>7} {'p95':>7} {'/s':>6}")
    for row in summary["requests_by_name"]:
        print(f"{row['name'][:44]:<44} {row['requests']:>7} {row['failures']:>5} "
              f"{row['median_ms']:>7.0f} {row['p95_ms']:>7.0f} {row['per_second']:>6}")  # fmt: skip


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="5m")
    parser.add_argument("--host", help="a running server on DATABASE_URL's database")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "load")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    env = project_environment()

    sessions = options.out / "sessions.json"
    run_prepare(["--out", str(sessions), "--per-role", str(options.users)], env=env)
    server = None
    host = options.host
    if host is None:
        server = Gunicorn(env, workers=options.workers, log=options.out / "gunicorn.log")
        host = server.start().url
    try:
        locust = subprocess.run(
            [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
             "--users", str(options.users), "--spawn-rate", str(options.spawn_rate),
             "--run-time", options.run_time, "--stop-timeout", "10", "--host", host,
             "--json-file", str(options.out / "stats"), "--csv", str(options.out / "load"),
             "--exit-code-on-error", "1"],
            cwd=options.out,
            env={**env, "LOAD_SESSIONS": str(sessions)},
            capture_output=True,
            text=True,
        )  # fmt: skip
    finally:
        if server is not None:
            server.stop()
    (options.out / "locust.log").write_text(locust.stdout + locust.stderr)
    stats = json.loads((options.out / "stats.json").read_text())
    summary = summarise(stats, users=options.users, run_time=options.run_time)
    (options.out / "summary.json").write_text(json.dumps(summary, indent=2))
    print_summary(summary)
    if locust.returncode not in (0, 1):
        print(locust.stderr[-3000:], file=sys.stderr)
    return 1 if summary["failures"] or locust.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
