"""One migrated database for the test processes, copied rather than migrated again.

`make test` runs three test processes (two under xdist and schemathesis's), and each made its
own test database by migrating a new one: 17-29 s of CPU each on the machines of issue 13, most
of it Django rendering the migration state. The first process to need a test database
migrates it and then copies it to a template named after the migrations and the locked
packages; the other processes (and a later run, while neither changes) make theirs from that
template (`CREATE DATABASE ... TEMPLATE`, Django's own TEST "TEMPLATE" setting), and Django's
`migrate` then finds nothing to do. It still sends post_migrate, so content types,
permissions and the function groups are made up to date as after any migrate.

The processes take turns through an advisory lock on the server, so the template is made once.
`--reuse-db` keeps its own database and is left alone."""

import contextlib
import hashlib
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "test_vh_template_"
LOCK = 0x7648_7465  # any number, the same for every process of every run
# A commit of a test database does not wait for its WAL to reach the disk: some 3 ms a commit
# on these machines, and the browser tests, the live server and the real workers commit every
# write. A crash loses only the last commits of a database that is thrown away anyway.
NO_WAIT_FOR_DISK = "synchronous_commit = off"


def _digest() -> str:
    """What the migrated database is made of: every migration of the project, and the locked
    packages (the migrations of Django and the libraries)."""
    found = hashlib.sha256()
    for path in [*sorted(ROOT.glob("*/migrations/*.py")), ROOT / "uv.lock"]:
        found.update(str(path.relative_to(ROOT)).encode())
        found.update(path.read_bytes())
    return found.hexdigest()[:16]


def _server(alias: str = "default") -> psycopg.Connection:
    config = settings.DATABASES[alias]
    return psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def template_name() -> str:
    return PREFIX + _digest()


def existing_template() -> str | None:
    """The template of the current migrations, when a process has made it."""
    name = template_name()
    with _server() as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return name if found else None


def copy_settings(server: psycopg.Connection, source: str, target: str) -> None:
    """The settings of the database itself (`ALTER DATABASE ... SET`, the migrations' `jit =
    off` among them): a copy made from a template does not take them over."""
    rows = server.execute(
        "SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
        " WHERE d.datname = %s AND s.setrole = 0",
        [source],
    ).fetchall()
    for (config,) in rows:
        for entry in config:
            key, _, value = entry.partition("=")
            server.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(target),
                    sql.SQL(".").join(sql.Identifier(part) for part in key.split(".")),
                    sql.Literal(value),
                )
            )


def create_from_template(server: psycopg.Connection, template: str, name: str) -> None:
    """A new database, a copy of `template` with its settings."""
    server.execute(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")
    copy_settings(server, template, name)


class Turn:
    """Held from before the test database is made until the template exists."""

    def __init__(self):
        self.server = None
        self.name = template_name()
        self.made = False

    def take(self) -> None:
        """Wait for the lock; then make the test database from the template if it exists."""
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return
        self.server = _server()
        self.server.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        self.made = bool(
            self.server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
        )
        if self.made:
            settings.DATABASES["default"]["TEST"]["TEMPLATE"] = self.name

    def give_back(self) -> None:
        """After the test database is made: copy it as the template when there was none."""
        if self.server is None:
            return
        try:
            for connection in connections.all():
                connection.close()  # a database being copied may have no other session
            test_name = connections["default"].settings_dict["NAME"]
            self.server.execute(f"ALTER DATABASE {_quote(test_name)} SET {NO_WAIT_FOR_DISK}")
            if self.made:
                copy_settings(self.server, self.name, test_name)
            else:
                self._drop_earlier_templates()
                self.server.execute(
                    f"CREATE DATABASE {_quote(self.name)} TEMPLATE {_quote(test_name)}"
                )
                copy_settings(self.server, test_name, self.name)
        finally:
            self.server.close()  # and with it the lock
            self.server = None

    def _drop_earlier_templates(self) -> None:
        """The templates of earlier migrations; one still being copied stays."""
        rows = self.server.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
            [PREFIX + "%", self.name],
        ).fetchall()
        for (name,) in rows:
            with contextlib.suppress(psycopg.errors.ObjectInUse):
                self.server.execute(f"DROP DATABASE {_quote(name)}")
