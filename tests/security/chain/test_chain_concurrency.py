"""S2: sealing from two processes at once gives one chain: the chain head's row lock lets one
sealer in at a time; the other then finds the entries sealed (PostgreSQL, real transactions)."""

import threading

import pytest
from django.db import connection

from security.models import AuditEntry
from security.services.chain import seal_pending, verify_chain
from tests.security.chain.conftest import dossier

pytestmark = pytest.mark.django_db(transaction=True)


def test_s2_two_sealers_at_once_give_one_chain(wp):
    for surname in ("Jansen", "Anders", "Derde", "Vierde"):
        dossier(wp, surname=surname)
    written = AuditEntry.objects.count()
    start = threading.Barrier(2)
    results, errors = [], []

    def seal():
        try:
            start.wait()
            results.append(seal_pending(batch_size=2))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=seal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(result.sealed for result in results) == written
    sequences = sorted(AuditEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, written + 1))
    assert verify_chain().ok
