"""Issue 13: every bench script runs on a tiny seed without error and prints its figure. No
timing is asserted (timings belong in `make bench`); one request or run of each is enough."""

import pytest
from django.db import transaction

from bench import access_pdf, audit_write, pages, permission_filter, retention_sweep
from scale.run import seed

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One tiny seed for the module, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed(0.0005, sample=2)
        transaction.set_rollback(True)


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setenv("BENCH_REPEATS", "0")
    monkeypatch.setenv("BENCH_SWEEP_DOSSIERS", "3")
    monkeypatch.setenv("BENCH_WRK_SECONDS", "1")
    # The pages of the three kinds of reader: a file, the disclosures, the oversight.
    monkeypatch.setenv("BENCH_FUNCTIONS", "politie,partner,fg")


@pytest.mark.parametrize(
    ("script", "figure"),
    [
        (pages, "worst median"),
        (permission_filter, "worst ratio"),
        (audit_write, "worst ratio"),
        (retention_sweep, "measured ratio"),
        (access_pdf, "the PDF in"),
    ],
)
def test_issue13_bench_script_runs(seeded, quick, capsys, script, figure):
    assert script.main() == 0
    printed = capsys.readouterr().out
    assert figure in printed
    assert "Traceback" not in printed
    if script is pages:  # every page answered, with its queries counted
        shown = ("dashboard", "menu", "page:")
        lines = [line for line in printed.splitlines() if line.startswith(shown)]
        assert lines and all(" 200 " in line and int(line.split()[-1]) > 0 for line in lines)
        # and the pages reached within a section, not from the menu (the weegploeg's meetings)
        assert any(line.startswith("page: weegploeg:meeting-list") for line in lines)
