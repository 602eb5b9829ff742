"""K2: installation B, the second installation of the tests, in processes of its own: a database
of its own (created and migrated here), seeded through the services by this module run as a
program, served by gunicorn behind nginx with mutual TLS (the client certificate verified
against the CA and passed on in `X-Client-Certificate` and `X-Client-Verify`).

    python -m tests.elsewhere.k2_installation --client-a PEM --client-c PEM

seeds B (with DATABASE_URL pointing at B's database): Veiligheidshuis Noord, whose weegploeg
holds a published dossier about Piet Jansen, and the peers A (the test process) and C (limit 2
checks per minute)."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from tests.load.balancer import Nginx
from tests.load.processes import ROOT

B_NAME = "Veiligheidshuis Noord"
A_PEER, C_PEER = "Installatie A", "Installatie C"
C_LIMIT = 2


def site_conf(*, port: int, upstream: int, pki) -> str:
    return f"""
server {{
  listen 127.0.0.1:{port} ssl;
  ssl_certificate {pki.server_b.certificate};
  ssl_certificate_key {pki.server_b.key};
  ssl_client_certificate {pki.ca.certificate};
  # The app refuses anything but SUCCESS: a certificate of another CA reaches it as FAILED.
  ssl_verify_client optional_no_ca;
  location / {{
    proxy_pass http://127.0.0.1:{upstream};
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Client-Certificate $ssl_client_escaped_cert;
    proxy_set_header X-Client-Verify $ssl_client_verify;
  }}
}}
"""


class TlsNginx(Nginx):
    """nginx terminating mutual TLS in front of one gunicorn (as in production)."""

    def __init__(self, upstream: int, pki):
        super().__init__([upstream])
        self.pki = pki

    def site(self) -> str:
        return site_conf(port=self.port, upstream=self.upstreams[0], pki=self.pki)

    def answers(self) -> bool:
        import http.client
        import ssl

        context = ssl.create_default_context(cafile=str(self.pki.ca.certificate))
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=context, timeout=5)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()


def run(args: list[str], env: dict[str, str], timeout: float = 300) -> None:
    result = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise AssertionError(f"{args[:3]} failed:\n{result.stderr[-3000:]}")


def _server(server_url: str):
    import psycopg

    return psycopg.connect(server_url.replace("postgres://", "postgresql://", 1), autocommit=True)


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """A database of B's own on the tests' PostgreSQL server, a copy of the migrated `template`
    when there is one (tests/template_database.py); its URL."""
    with _server(server_url) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            from tests.template_database import create_from_template

            create_from_template(db, template, name)
        else:
            db.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


def drop_database(server_url: str, name: str) -> None:
    with _server(server_url) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(client_a: str, client_c: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from tests.elsewhere.k2_data import Installation

    b = Installation("noord", B_NAME)
    b.add_peer(A_PEER, base_url="https://a.example.nl", certificate=Path(client_a).read_text())
    b.add_peer(
        C_PEER,
        base_url="https://c.example.nl",
        certificate=Path(client_c).read_text(),
        limit=C_LIMIT,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-a", required=True)
    parser.add_argument("--client-c", required=True)
    options = parser.parse_args()
    seed(options.client_a, options.client_c)
