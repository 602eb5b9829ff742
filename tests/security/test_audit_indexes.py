"""Issue 13 (docs/adr/0019-audit-table-without-partitions.md): the audit table, the largest of
all and written on every request, keeps only the indexes its queries use, each ending in the
time: a user's and a party's entries, a dossier's trail, a row's history; the chain's sequence
stays unique. The queries that read by row ask for the integer key, which the index serves."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.audit import delete_with_trail
from security.models import AuditEntry
from tests.weegploeg.factories import Weegploeg, signal

pytestmark = pytest.mark.django_db


def indexed_columns() -> dict[tuple[str, ...], dict]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
    return {
        tuple(info["columns"]): info
        for info in found.values()
        if info["index"] or info["unique"] or info["primary_key"]
    }


def test_issue13_s2_the_audit_table_has_the_indexes_its_queries_use_and_no_more():
    assert set(indexed_columns()) == {
        ("id",),  # the primary key, and the sealing queue (partial: not yet sealed)
        ("sequence",),  # unique: the hash chain's order (S2)
        ("timestamp",),  # the log export and the access log, newest first
        ("actor_party_id", "timestamp"),  # the access log of a Veiligheidshuis's parties
        ("actor_id", "timestamp"),  # a user's entries, reads per user and day
        ("file_label", "dossier_key", "timestamp"),  # a dossier's trail and its purge
        ("content_type_id", "object_id", "timestamp"),  # a row's history, erasure, destruction
        ("action", "timestamp"),  # the changes (partial: no reads), searched for by kind
    }
    assert indexed_columns()[("sequence",)]["unique"]


def test_issue13_b8_a_destroyed_rows_trail_is_found_by_its_integer_key(region):
    wp = Weegploeg(region)
    entered = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    signal_type = ContentType.objects.get_for_model(entered)
    assert AuditEntry.objects.filter(content_type=signal_type, object_id=entered.pk).exists()
    with CaptureQueriesContext(connection) as queries:
        delete_with_trail(type(entered).objects.filter(pk=entered.pk))
    assert not AuditEntry.objects.filter(content_type=signal_type, object_id=entered.pk).exists()
    audit_reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "security_auditentry"' in q["sql"]
    ]
    assert audit_reads and all('"object_pk" IN' not in sql for sql in audit_reads)
    assert any('"object_id" IN' in sql for sql in audit_reads)
