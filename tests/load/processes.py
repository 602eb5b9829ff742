"""Real servers for the load and fault tests of issue 13, each a process of its own that a test
may stop and start: a private PostgreSQL cluster (never the system one on 5432), a private
Redis, gunicorn serving the project, a Celery worker. Used by the tests in this folder and by
`run_load.py`."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import suppress
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, seconds: float = 30, every: float = 0.1, what: str = "it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"{what} did not happen within {seconds} s")


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def stop_group(process: subprocess.Popen, sig=signal.SIGTERM, *, seconds: float = 20) -> None:
    """Signal a process started with `start_new_session` and its children; SIGKILL after
    `seconds`."""
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    """The newest server binaries of Debian's packages, or None when not installed."""
    found = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


class PrivatePostgres:
    """A cluster of its own in a temporary folder, on a free port, trusting local connections:
    a test may stop and start it. PostgreSQL refuses to run as root, so as root the cluster
    belongs to the `postgres` user."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="vh-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, cwd=self.folder)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> "PrivatePostgres":
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> str:
        self._run(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            name,
        )
        return self.url(name)

    def remove(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


# --- Redis ------------------------------------------------------------------------------------


class PrivateRedis:
    """`redis-server` on a free port, without persistence: stopped and started by a test."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, database: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_until(lambda: _port_open(self.port), seconds=10, what="redis-server to listen")

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process, signal.SIGKILL)
            self.process = None
        wait_until(lambda: not _port_open(self.port), seconds=10, what="redis-server to stop")


# --- the project's processes --------------------------------------------------------------------


def project_environment(**variables: str) -> dict[str, str]:
    """The environment of a process of the project: this one's, the given variables on top.
    Cookies over plain HTTP (the servers here speak no TLS)."""
    return {**os.environ, "SECURE_COOKIES": "false", "PYTHONUNBUFFERED": "1", **variables}


class Gunicorn:
    """The project under gunicorn, as in production (Procfile, Dockerfile)."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, log: Path | None = None):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.log = log or Path(tempfile.mkstemp(prefix="vh-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Gunicorn":
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def answers():
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn stopped:\n{self.log.read_text()[-3000:]}")
            with (
                suppress(OSError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response,
            ):
                return response.status == 200
            return False

        wait_until(answers, seconds=60, every=0.2, what="gunicorn to answer")
        return self

    @property
    def pids(self) -> set[int]:
        """The master and its workers: "the same process answers again" is checked on them."""
        found = {self.process.pid}
        with suppress(FileNotFoundError):
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            found |= {int(pid) for pid in children.read_text().split()}
        return found

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
            self.process = None


class CeleryWorker:
    """`celery -A config worker`, the production command, in a process group of its own so a
    test can kill it whole (SIGKILL: no warm shutdown, no acknowledgement)."""

    def __init__(self, env: dict[str, str], *, log: Path, concurrency: int = 1):
        self.env = env
        self.log = log
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self) -> "CeleryWorker":
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--loglevel=INFO",
                    "--concurrency",
                    str(self.concurrency),
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"test-{os.getpid()}@%h",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(
            lambda: b" ready." in self.log.read_bytes() or self.process.poll() is not None,
            seconds=60,
            every=0.2,
            what="the Celery worker to be ready",
        )
        if self.process.poll() is not None:
            raise AssertionError(f"the worker stopped:\n{self.log.read_text()[-3000:]}")
        return self

    def kill(self) -> None:
        stop_group(self.process, signal.SIGKILL)

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process, signal.SIGTERM, seconds=30)
            self.process = None


def run_prepare(args: list[str], *, env: dict[str, str], timeout: float = 300) -> None:
    """`python -m tests.load.prepare` (see there) in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.load.prepare", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise AssertionError(f"preparing the database failed:\n{result.stderr[-3000:]}")
