"""Figure (f) of issue 13: signed-in page views a second under gunicorn with wrk (16
connections), against a view that does nothing behind the same middleware, as a ratio.

The script starts gunicorn on a free port as production does (`deploy/gunicorn.conf.py`: two
sync workers per core and one more, or `WEB_CONCURRENCY`) with `bench.settings` (the product's
settings and URLs plus `/bench/niets`), signs in the politie's user (a session with both
factors, its cookie given to wrk), and runs wrk on the do-nothing view, the dashboard and the
weegploeg list in turn. Nothing else changes: database connections and the rest follow the
environment, as in production. wrk and gunicorn share the machine's cores, as the issue's
measurement did.

Besides the rate it prints the CPU time gunicorn's processes spent per request (from /proc):
on a machine shared with other work the rate moves with the load, the CPU per request much
less.

Targets: >= 300 page views a second, and >= 0.3 times the do-nothing view.

    BENCH_WRK_SECONDS=15 python -m bench.throughput"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from bench import harness

TARGET_RATE, TARGET_RATIO = 300.0, 0.3
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(gunicorn),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            os.devnull,  # written as in production, not shown
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=environment,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _cpu_seconds(master: int) -> float:
    """User and system CPU seconds of gunicorn's master and its workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{master}/task/{master}/children")
    pids = [master, *map(int, children.read_text().split())] if children.exists() else [master]
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that ended in between
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _warm(url: str, cookie: str) -> None:
    """A few requests first: each worker's first one loads the URLs, templates and caches.
    Anything but 200 (a redirect to the sign-in: the session did not hold) stops the script."""
    parts = urlsplit(url)
    for _ in range(6):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        connection.request("GET", parts.path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            where = response.getheader("Location", "")
            raise RuntimeError(f"{parts.path} answered {response.status} {where}")


def _wrk(url: str, cookie: str, seconds: int) -> tuple[float, int, str]:
    """Requests a second, responses other than 2xx/3xx or timed out (10 s), and the mean
    latency."""
    output = subprocess.run(  # noqa: S603 - our own command line
        [
            shutil.which("wrk"),
            "-t2",
            "-c16",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return rate, failed, latency.group(1) if latency else "?"


def main() -> int:
    harness.setup()
    from django.urls import reverse

    workers = os.environ.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1)
    harness.heading(
        f"(f) signed-in page views a second under gunicorn, {workers} workers, wrk -c16"
    )
    if shutil.which("wrk") is None:
        print("SKIPPED: wrk is not installed (make bench installs the Debian package)")
        return 0
    user = harness.bench_users().get("politie")
    if user is None:
        print("no politie user in this data set")
        return 0
    cookie = harness.session_cookie(user)
    seconds = int(os.environ.get("BENCH_WRK_SECONDS", 15))
    port = _free_port()
    server = _start(port)
    try:
        results = {}
        for label, path in (
            ("do-nothing view", "/bench/niets"),  # bench.urls, in gunicorn only
            ("dashboard", reverse("dashboard")),
            ("weegploeg list", reverse("weegploeg:assessment-list")),
        ):
            url = f"http://127.0.0.1:{port}{path}"
            _warm(url, cookie)
            cpu_before = _cpu_seconds(server.pid)
            rate, errors, latency = _wrk(url, cookie, seconds)
            cpu = (_cpu_seconds(server.pid) - cpu_before) / max(rate * seconds, 1) * 1000
            results[label] = rate
            print(
                f"{label:<20} {rate:8.1f} requests/s  mean latency {latency:>8}  "
                f"server CPU {cpu:5.1f} ms a request  failed or timed out {errors}",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    nothing = results["do-nothing view"]
    for label in ("dashboard", "weegploeg list"):
        rate = results[label]
        share = harness.ratio(rate, nothing)
        print(
            f"{label}: {rate:.0f}/s (target >= {TARGET_RATE:.0f}: "
            f"{harness.verdict(rate, TARGET_RATE, at_most=False)}), {share:.2f} of the "
            f"do-nothing view (target >= {TARGET_RATIO}: "
            f"{harness.verdict(share, TARGET_RATIO, at_most=False)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
