"""`make bench` (issue 13): every figure of the issue's targets, on a database of its own.

    BENCH_SCALE=national|0.1|demo|<float>  the data set (default national)
    DATABASE_URL                          where (the Makefile gives vh_bench_<scale>)

The database is made when missing and migrated; it is seeded only when empty (`seed_scale`, or
`seed_demo` for "demo"), so a second run measures the same data again. Then each script runs
in a process of its own and prints its figure; a target missed is printed, never a failure.
The run fails only when a script fails."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [
    "bench.pages",
    "bench.permission_filter",
    "bench.audit_write",
    "bench.retention_sweep",
    "bench.access_pdf",
    "bench.throughput",
    "bench.load",
    "bench.redis_outage",
]


def _environment() -> dict:
    environment = dict(os.environ)
    environment.setdefault("BENCH_SCALE", "national")
    # The tests' static storage: the bench measures pages, not the collected static files.
    environment.setdefault(
        "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    environment.setdefault("DATA_DIR", "data/bench")
    return environment


def create_database(url: str) -> None:
    """CREATE DATABASE when it does not exist yet, through the server's `postgres` database."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"made database {name}")


def _manage(environment: dict, *arguments: str) -> None:
    subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True
    )


def _is_empty(environment: dict) -> bool:
    check = "from scale.run import refusal; import sys; sys.exit(0 if refusal() is None else 3)"
    done = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", "shell", "-c", check], cwd=ROOT, env=environment
    )
    if done.returncode not in (0, 3):
        raise RuntimeError("could not look into the bench database")
    return done.returncode == 0


def prepare(environment: dict) -> None:
    url = environment.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("make bench needs DATABASE_URL on PostgreSQL.")
    create_database(url)
    _manage(environment, "migrate", "--noinput", "-v0")
    scale = environment["BENCH_SCALE"]
    if not _is_empty(environment):
        print(f"the bench database holds data already: measuring it (BENCH_SCALE={scale})")
        return
    started = time.monotonic()
    if scale == "demo":
        _manage(environment, "seed_demo")
    else:
        _manage(environment, "seed_scale", "--scale", scale, "-v2")
    print(f"seeded in {time.monotonic() - started:.0f} s")


def main() -> int:
    environment = _environment()
    prepare(environment)
    failed = []
    for script in SCRIPTS:
        done = subprocess.run([sys.executable, "-m", script], cwd=ROOT, env=environment)  # noqa: S603
        if done.returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
