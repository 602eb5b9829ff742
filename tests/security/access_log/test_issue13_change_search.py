"""Issue 13 (S2, U2): a search of the access log for a kind of change (made, changed, deleted)
sums up no unusual reads, since an unusual read is a read, and asks the database nothing for
that summary, where it read every change of the period to find none (1.2 s at national scale);
a search for reads still sums up theirs. The changes have an index by kind and time, so a search
for a rare kind (a deletion) does not read every entry in vain."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from security.models import AuditEntry
from security.selectors import access_log
from tests.config.test_list_indexes import index_definitions
from tests.security.access_log.test_s2_anomalies import limits  # noqa: F401 (fixture)
from tests.security.access_log.world import at, on, read, worked_out

pytestmark = pytest.mark.django_db


def _summary(world, action: str):
    filters = access_log.Filters(date_from=at(2031, 3, 1).date(), action=action)
    with on(at(2031, 3, 6)), CaptureQueriesContext(connection) as queries:
        summary = access_log.anomaly_summary(world.fg, filters)
    asked = [q["sql"] for q in queries if 'FROM "security_unusualread"' in q["sql"]]
    return summary, asked


def test_issue13_s2_a_search_for_changes_sums_up_no_unusual_reads(world, limits):  # noqa: F811
    a = world.case()
    read(world.other.agent, a, at(2031, 3, 5, 23, 30))  # outside the reader's files, at night
    worked_out(at(2031, 3, 5, 23, 31))

    reads, asked_for_reads = _summary(world, "read")
    assert reads["total"] == 1 and len(asked_for_reads) == 1
    for action in access_log.CHANGES:
        changes, asked = _summary(world, action)
        assert (changes["total"], changes["days"], asked) == (0, [], [])


def test_issue13_s2_the_changes_have_an_index_by_kind_and_time():
    found = index_definitions(AuditEntry._meta.db_table)["audit_entry_change_time"]
    reads = AuditEntry.Action.ACCESS
    assert found.endswith(f'USING btree (action, "timestamp") WHERE (NOT (action = {reads}))')
