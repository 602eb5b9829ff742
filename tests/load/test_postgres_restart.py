"""Issue 13, "PostgreSQL restarted under load": while the database stops and starts under
requests from signed-in users and a partner system, every page answers either normally or the
Dutch 503 page and every API call either normally or a 503 problem (never a 500, a hang or a
dropped connection); the same gunicorn processes answer normally again once it is back, without
a restart; and what was written before is still there."""

import json
import threading

from tests.load.conftest import fetch
from tests.load.processes import wait_until

DUTCH = "De dienst is even niet bereikbaar"
PROBLEM = "application/problem+json"


class Traffic:
    """Signed-in page views and API reads in a loop on a few threads, every answer kept."""

    def __init__(self, server, site):
        self.targets = [
            ("page", "/", {"session": site.sessions["uitvoerder"][0]}),
            ("page", "/weegploeg/", {"session": site.sessions["politie"][0]}),
            ("page", "/casussen/verstrekkingen/", {"session": site.sessions["partner"][0]}),
            ("api", "/api/v1/wegingen", {"token": site.token}),
            ("api", "/api/v1/gebruikers/mij", {"session": site.sessions["uitvoerder"][1]}),
        ]
        self.server = server
        self.answers: list[tuple[str, object]] = []
        self.errors: list[BaseException] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(4)]

    def _run(self, offset):
        n = offset
        while not self.stopping.is_set():
            kind, path, auth = self.targets[n % len(self.targets)]
            n += 1
            try:
                self.answers.append((kind, fetch(self.server.url + path, timeout=20, **auth)))
            except Exception as error:  # noqa: BLE001 - a refused or dropped connection
                self.errors.append(error)

    def count(self, status):
        return sum(1 for _, answer in list(self.answers) if answer.status == status)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


def new_signal(server, site) -> dict:
    answer = fetch(
        f"{server.url}/api/v1/signalen",
        token=site.token,
        data={
            "person": {
                "givenNames": "Hersteld",
                "surname": "Na Herstart",
                "dateOfBirth": "1999-01-02",
                "municipality": "Haarlem",
                "municipalityCode": "0392",
            },
            "veiligheidshuis": "kennemerland",
            "newDossier": True,
            "behaviour": "Gezien bij de herstart van de database.",
            "observedOn": "2026-11-30",
            "reporterName": "Wijkagent",
            "reporterContact": "0612345678",
            "broughtBy": site.party,
        },
    )
    assert answer.status == 201, answer.body
    return json.loads(answer.body)


def test_issue13_postgresql_restarted_under_load_fails_cleanly_and_recovers(
    private_postgres, load_site, server
):
    signal = new_signal(server, load_site)
    page = f"{server.url}/weegploeg/dossiers/{signal['assessment']}/"
    politie = load_site.sessions["politie"][1]
    assert fetch(page, session=politie).status == 200
    processes = server.pids
    assert len(processes) == 3  # the master and its two workers

    with Traffic(server, load_site) as traffic:
        wait_until(lambda: traffic.count(200) >= 10, what="answers before the restart")
        private_postgres.stop("fast")
        # While it is down: the Dutch page, the API's problem; and so for the traffic.
        down = fetch(page, session=politie)
        assert (down.status, DUTCH in down.body) == (503, True), down.body[:500]
        assert down.content_type.startswith("text/html")
        down = fetch(f"{server.url}/api/v1/signalen/{signal['id']}", token=load_site.token)
        assert (down.status, down.content_type) == (503, PROBLEM), down.body
        wait_until(lambda: traffic.count(503) >= 10, what="503 answers while it is down")
        private_postgres.start()
        before = len(traffic.answers)
        # Back: persistent connections broken by the restart are dropped and made anew; the
        # same processes answer normally again.
        wait_until(
            lambda: (
                all(a.status == 200 for _, a in traffic.answers[-20:])
                and len(traffic.answers) > before + 20
            ),
            seconds=60,
            what="normal answers after the restart",
        )

    assert not traffic.errors, traffic.errors[:3]
    statuses = {answer.status for _, answer in traffic.answers}
    assert statuses == {200, 503}, statuses
    for kind, answer in traffic.answers:
        if answer.status == 503 and kind == "page":
            assert DUTCH in answer.body and answer.content_type.startswith("text/html")
        if answer.status == 503 and kind == "api":
            assert answer.content_type == PROBLEM and '"status": 503' in answer.body
    assert server.pids == processes  # recovered without a restart of the application

    # Nothing written before is lost.
    kept = fetch(f"{server.url}/api/v1/signalen/{signal['id']}", token=load_site.token)
    assert kept.status == 200 and "Gezien bij de herstart van de database." in kept.body
    assert fetch(page, session=politie).status == 200
