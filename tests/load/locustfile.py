"""The load of issue 13: signed-in users of three functions doing a day's work, reads and writes
mixed as they come in practice, through the pages (the API's reads are in the mix too).

- the uitvoerder: the dashboard and its work queue, the weegploeg and its dossiers' parts, the
  cases and their plan, the meetings; enters a signal now and then, and adds a measure to a
  case it keeps;
- a politie officer (kernpartij): the dashboard, the weegploeg and a dossier's parts, the cases
  it takes part in; enters a signal now and then;
- an external partner: the dashboard and the disclosures made to it.

Each simulated user has a session of its own, signed in with both factors by
`tests/load/prepare.py` (`LOAD_SESSIONS` names its JSON). It finds its dossiers by following
the links of its lists, as a person would, so the same file runs on the demo and on a national
seed. A write counts as failed unless it is accepted (a redirect); every other answer of 400 or
more is a failure. Run it through `tests/load/run_load.py`, never imported by pytest (gevent
patches the process it runs in)."""

import itertools
import json
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.load.forms import form_fields, links  # noqa: E402

SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text())
_next = {role: itertools.count() for role in SESSIONS["roles"]}

ASSESSMENT = r"/weegploeg/dossiers/[^/?#]+/"
CASE = r"/casussen/dossiers/[^/?#]+/"
DISCLOSURE = r"/casussen/verstrekkingen/\d+/"
INTAKE = "/weegploeg/signalen/nieuw/"
SURNAMES = ["Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos"]


class SignedIn(HttpUser):
    abstract = True
    role = ""
    wait_time = between(0.5, 1.5)

    def on_start(self):
        sessions = SESSIONS["roles"][self.role]
        key = sessions[next(_next[self.role]) % len(sessions)]
        self.client.cookies.set(SESSIONS["cookie"], key)
        self.assessments: list[str] = []
        self.cases: list[str] = []

    def page(self, path: str, name: str | None = None) -> str:
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code != 200 or "/account/login/" in response.url:
                response.failure(f"{response.status_code} at {response.url}")
                return ""
            return response.text

    def write(self, path: str, fields: dict, name: str) -> None:
        """Post a form filled in from its page, as a browser submits it: accepted only with a
        redirect."""
        page = self.page(path, name=f"{name} (form)")
        if not page:
            return
        data = {**form_fields(page, path), **fields}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"not accepted: {response.status_code}")

    def find(self, found: list[str], path: str, pattern: str, name: str) -> None:
        if not found:
            found += links(self.page(path, name), pattern)

    def new_signal(self):
        """A signal about someone new: a name and birth date of its own each time."""
        born = date(1980, 1, 1) + timedelta(days=random.randrange(9000))
        self.write(
            INTAKE,
            {
                "given_names": "Lasttest",
                "surname": f"{random.choice(SURNAMES)} {random.randrange(10**6)}",
                "date_of_birth": born.isoformat(),
                "street": "Grote Markt",
                "house_number": str(random.randrange(1, 200)),
                "postcode": "2011RD",
                "municipality": "Haarlem",
                "behaviour": "Deelde filmpjes die geweld verheerlijken.",
                "observed_on": (date.today() - timedelta(days=3)).isoformat(),
                "reporter_name": "Wijkagent",
                "reporter_contact": "0612345678",
            },
            name="enter a signal",
        )


class Uitvoerder(SignedIn):
    role = "uitvoerder"
    weight = 2

    def on_start(self):
        super().on_start()
        self.measures: list[str] | None = None

    @task(4)
    def dashboard(self):
        self.page("/", name="dashboard")

    @task(3)
    def weegploeg(self):
        self.page("/weegploeg/", name="weegploeg list")

    @task(4)
    def assessment(self):
        self.find(self.assessments, "/weegploeg/", ASSESSMENT, "weegploeg list")
        if self.assessments:
            dossier = random.choice(self.assessments)
            part = random.choice(["", "signalen/", "analyse-en-besluit/", "geschiedenis/"])
            self.page(dossier + part, name=f"weegploeg dossier {part or 'overview'}")

    @task(2)
    def cases(self):
        self.page("/casussen/", name="case list")

    @task(3)
    def case(self):
        self.find(self.cases, "/casussen/", CASE, "case list")
        if self.cases:
            part = random.choice(["", "plan/", "overleggen/", "geschiedenis/"])
            self.page(random.choice(self.cases) + part, name=f"case {part or 'overview'}")

    @task(1)
    def meetings(self):
        self.page("/casussen/overleggen/", name="case meetings")

    @task(1)
    def api(self):
        self.page("/api/v1/wegingen", name="API wegingen")

    @task(1)
    def enter_signal(self):
        self.new_signal()

    @task(1)
    def add_measure(self):
        if self.measures is None:  # the cases it keeps offer the action
            self.find(self.cases, "/casussen/", CASE, "case list")
            self.measures = [
                found
                for case in self.cases
                for found in links(self.page(case, "case overview"), CASE + "maatregel/")
            ]
        if self.measures:
            deadline = date.today() + timedelta(days=random.randrange(7, 60))
            self.write(
                random.choice(self.measures),
                {"description": "Huisbezoek door de wijkagent", "deadline": deadline.isoformat()},
                name="add a measure",
            )


class Politie(SignedIn):
    role = "politie"
    weight = 2

    @task(4)
    def dashboard(self):
        self.page("/", name="dashboard")

    @task(3)
    def weegploeg(self):
        self.page("/weegploeg/", name="weegploeg list")

    @task(4)
    def assessment(self):
        self.find(self.assessments, "/weegploeg/", ASSESSMENT, "weegploeg list")
        if self.assessments:
            dossier = random.choice(self.assessments)
            part = random.choice(["", "signalen/", "geschiedenis/"])
            self.page(dossier + part, name=f"weegploeg dossier {part or 'overview'}")

    @task(2)
    def case(self):
        self.find(self.cases, "/casussen/", CASE, "case list")
        if self.cases:
            part = random.choice(["", "plan/"])
            self.page(random.choice(self.cases) + part, name=f"case {part or 'overview'}")

    @task(1)
    def enter_signal(self):
        self.new_signal()


class Partner(SignedIn):
    role = "partner"
    weight = 1

    def on_start(self):
        super().on_start()
        self.disclosures: list[str] = []

    @task(2)
    def dashboard(self):
        self.page("/", name="dashboard")

    @task(2)
    def disclosures_list(self):
        self.page("/casussen/verstrekkingen/", name="disclosure list")

    @task(3)
    def disclosure(self):
        self.find(self.disclosures, "/casussen/verstrekkingen/", DISCLOSURE, "disclosure list")
        if self.disclosures:
            self.page(random.choice(self.disclosures), name="disclosure")
