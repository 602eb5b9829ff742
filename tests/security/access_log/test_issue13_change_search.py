"""Issue 13 (S2, U2): a search of the access log for a kind of change (made, changed, deleted)
sums up no unusual reads, since an unusual read is a read, and asks the database nothing for
that summary, where it read every change of the period to find none (1.2 s at national scale);
a search for reads still sums up theirs. The changes have an index by kind and time, so a search
for a rare kind (a deletion) does not read every entry in vain."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.audit import ReadKind
from security.models import AuditEntry
from security.selectors import access_log
from tests.config.test_list_indexes import index_definitions
from tests.security.access_log.test_s2_anomalies import limits  # noqa: F401 (fixture)
from tests.security.access_log.world import at, on, read, worked_out

pytestmark = pytest.mark.django_db

# The entries searched for, looked up by key from the period's unusual reads.
BY_KEY = 'ANY(ARRAY(SELECT V0."entry_id"'


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


def test_issue13_s2_a_search_for_a_kind_of_read_sums_up_its_unusual_reads_by_key(world, limits):  # noqa: F811
    """Narrowed by the kind of read alone, the entries searched for are looked up by key from
    the period's unusual reads; the sum is the same as the search's: a kind counts only its
    own reads, a search narrowed by more (a user) as before."""
    a, b = world.case(), world.case()
    read(world.other.agent, a, at(2031, 3, 5, 23, 30))  # outside, at night: a detail read
    read(world.other.agent, b, at(2031, 3, 5, 23, 31), kind=ReadKind.LIST)
    worked_out(at(2031, 3, 5, 23, 32))

    totals = {}
    for action in ("read", f"read-{ReadKind.DETAIL}", f"read-{ReadKind.LIST}", "read-export"):
        summary, asked = _summary(world, action)
        totals[action] = summary["total"]
        assert len(asked) == 1 and BY_KEY in asked[0]
    assert totals == {"read": 2, "read-detail": 1, "read-list": 1, "read-export": 0}
    for reader, total in ((world.other.agent, 2), (world.agent, 0)):
        filters = access_log.Filters(date_from=at(2031, 3, 1).date(), user=reader)
        with on(at(2031, 3, 6)), CaptureQueriesContext(connection) as queries:
            assert access_log.anomaly_summary(world.fg, filters)["total"] == total
        assert not [q for q in queries if BY_KEY in q["sql"]]


def test_issue13_s2_the_changes_have_an_index_by_kind_and_time():
    found = index_definitions(AuditEntry._meta.db_table)["audit_entry_change_time"]
    reads = AuditEntry.Action.ACCESS
    assert found.endswith(f'USING btree (action, "timestamp") WHERE (NOT (action = {reads}))')
