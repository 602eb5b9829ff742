"""Issue 13: `seed_scale --access-entries N` adds N access entries (a year of reads, at national
scale) through the same sealed writer, and the command's summary counts what the database
holds. Two tiny seeds, each rolled back."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from cases.models import Case
from scale.run import seed
from security.models import AuditEntry
from security.services.chain import verify_chain
from weegploeg.models import Assessment

SCALE = "0.0005"
EXTRA = 1234

pytestmark = pytest.mark.django_db


def _seeded(**options) -> tuple[int, int, str]:
    """A seed in a savepoint rolled back: its audit and access entries, and the summary."""
    out = StringIO()
    with transaction.atomic():
        if options:
            call_command(
                "seed_scale",
                "--scale",
                SCALE,
                "--no-progress",
                "--sample",
                "1",
                *[f"--{k}={v}" for k, v in options.items()],
                stdout=out,
            )
        else:
            seed(float(SCALE), sample=1)
        entries = AuditEntry.objects.count()
        reads = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count()
        assert verify_chain().ok
        summary = out.getvalue()
        if options:
            for name, model in (("assessments", Assessment), ("cases", Case)):
                assert f"{model._base_manager.count()} {name}" in summary
            assert f"{entries} audit entries" in summary
        transaction.set_rollback(True)
    return entries, reads, summary


def test_issue13_access_entries_add_that_many_reads_to_a_chain_that_verifies():
    entries, reads, _summary = _seeded()
    more, more_reads, summary = _seeded(**{"access-entries": EXTRA})
    assert more == entries + EXTRA
    assert more_reads == reads + EXTRA
    assert "counted in the database" in summary
