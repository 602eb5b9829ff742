"""nginx as the load balancer of docker-compose.yml, run as a process of its own: the project's
own `deploy/nginx.conf`, with only the upstream addresses and the port it listens on replaced
(the compose network's names are not resolvable here), in front of gunicorn processes.

And a client that connects from an address of its choosing on the loopback network
(127.0.0.0/8 is all local on Linux), so a test tells the client's address from the balancer's."""

import http.client
import re
import shutil
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.load.processes import ROOT, free_port, stop_group, wait_until

CONFIG = ROOT / "deploy" / "nginx.conf"


def nginx_bin() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


def render(upstreams: list[int], port: int) -> str:
    """deploy/nginx.conf with its `server web...:8000` lines pointing at local ports."""
    text = CONFIG.read_text()
    servers = re.findall(r"^\s*server (web[\w-]*:8000)", text, flags=re.MULTILINE)
    if len(servers) != len(upstreams):
        raise AssertionError(f"deploy/nginx.conf names {servers}, the test runs {upstreams}")
    for name, upstream in zip(servers, upstreams, strict=True):
        text = text.replace(f"server {name} ", f"server 127.0.0.1:{upstream} ", 1)
    if "listen 80;" not in text:
        raise AssertionError("deploy/nginx.conf no longer listens on port 80")
    return text.replace("listen 80;", f"listen 127.0.0.1:{port};")


class Nginx:
    def __init__(self, upstreams: list[int]):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="vh-nginx-"))
        self.folder.chmod(0o755)
        self.upstreams = upstreams
        self.process: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        return self.folder / "error.log"

    def site(self) -> str:
        """The server blocks nginx runs: the project's own configuration."""
        return render(self.upstreams, self.port)

    def answers(self) -> bool:
        """Whether nginx answers its health check yet."""
        try:
            return Client(self.port).get("/healthz").status == 200
        except OSError:
            return False

    def start(self) -> "Nginx":
        (self.folder / "site.conf").write_text(self.site())
        temp = self.folder / "temp"
        temp.mkdir(mode=0o777)
        temp.chmod(0o777)  # the workers run as nobody when the master is root
        (self.folder / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.log} warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n  access_log off;\n"
            + "".join(
                f"  {kind}_temp_path {temp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"  include {self.folder}/site.conf;\n}}\n"
        )
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [nginx_bin(), "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def answers():
            if self.process.poll() is not None:
                raise AssertionError(f"nginx stopped:\n{self.log.read_text()[-2000:]}")
            return self.answers()

        wait_until(answers, seconds=30, every=0.2, what="nginx to answer")
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Answer:
    status: int
    headers: Any
    body: str


class Client:
    """A browser on one loopback address: keeps its cookies, sends the headers it is told."""

    def __init__(self, port: int, *, source: str = "127.0.0.1"):
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, fields=None, headers=None) -> Answer:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=15, source_address=(self.source, 0)
        )
        sent = {"Accept-Language": "nl", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.partition(";")[0]
            return Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, fields: dict, **kwargs) -> Answer:
        return self.request("POST", path, fields=fields, **kwargs)
