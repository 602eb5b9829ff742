"""Shared helpers of the hash-chain and Logboek tests (S2)."""

from django.db import connection

from config.audit import ReadKind, log_reads
from security.models import AuditEntry
from tests.weegploeg.factories import signal


def raw(sql: str, *params) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


TABLE = AuditEntry._meta.db_table


def dossier(wp, **person):
    """A weegploeg dossier (its assessment), with a few entries about it."""
    assessment = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person=person or None
    ).assessment
    log_reads(wp.agent, [assessment], kind=ReadKind.DETAIL)
    return assessment


def sealed_entries():
    return AuditEntry.objects.filter(sequence__isnull=False).order_by("sequence")
