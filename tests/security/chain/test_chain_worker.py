"""S2, O3: the sealing job on a real Celery worker, as beat runs it every minute."""

import pytest

from security import chain_tasks
from security.models import AuditEntry
from security.services.chain import verify_chain
from tests.celery_worker import wait_for
from tests.security.chain.conftest import dossier

pytestmark = pytest.mark.django_db(transaction=True)


def test_s2_the_worker_seals_the_entries(wp, worker):
    dossier(wp)
    assert AuditEntry.objects.filter(sequence__isnull=True).exists()

    chain_tasks.seal_audit_chain.delay()

    wait_for(lambda: not AuditEntry.objects.filter(sequence__isnull=True).exists())
    assert verify_chain().ok
