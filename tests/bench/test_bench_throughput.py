"""Issue 13: the throughput script starts gunicorn and wrk and prints its figure. In a module of
its own: gunicorn reads committed data only, so no seed in a rolled-back transaction around it
(tests/bench/test_bench_smoke.py has one)."""

import shutil

import pytest

from bench import throughput
from parties.constants import AccessLevel, Function
from tests.factories import PartyFactory, authorise, make_user

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]


def test_issue13_bench_throughput_runs(monkeypatch, capsys, settings):
    """A politie user of its own (no seed): the pages answer, empty."""
    monkeypatch.setenv("BENCH_WRK_SECONDS", "1")
    politie = PartyFactory(name="Politie eenheid Bench")
    user = make_user(politie, Function.DEELNEMER, username="politie.bench")
    authorise(user, politie.veiligheidshuizen.first(), AccessLevel.READWRITE)
    database = settings.DATABASES["default"]
    who = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    where = f"{database['HOST']}:{database['PORT']}/{database['NAME']}"
    monkeypatch.setenv("DATABASE_URL", f"postgres://{who}@{where}")
    assert throughput.main() == 0
    printed = capsys.readouterr().out
    if shutil.which("wrk") is None:
        assert "SKIPPED" in printed
    else:
        assert "do-nothing view" in printed and "dashboard:" in printed
