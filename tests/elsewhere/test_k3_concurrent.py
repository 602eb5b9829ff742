"""K3 against a race: a refresh of the index (the nightly rebuild, a file's new basis) running
while a dossier is destroyed must not publish it again. The refresh locks the roots it
publishes, so it waits for the destruction and then finds nothing to publish."""

import threading

import pytest
from django.db import connection, transaction

from elsewhere import index
from elsewhere.models import Pseudonym
from subjects import registry
from subjects.registry import DossierRef
from tests.elsewhere.conftest import dossier

pytestmark = pytest.mark.django_db(transaction=True)


def test_k3_a_refresh_during_a_destruction_does_not_publish_the_dossier_again(holding, with_basis):
    ref = DossierRef("weegploeg", dossier(holding).number)
    started, done = threading.Event(), threading.Event()
    outcome = {}

    def refresh():
        try:
            started.set()
            outcome["written"] = index.publish(ref.file_label, [ref.key])
        except Exception as error:  # noqa: BLE001 - reported below
            outcome["error"] = error
        finally:
            connection.close()
            done.set()

    with transaction.atomic():
        registry.get("weegploeg").destroy(ref, by=holding.uitvoerder)
        worker = threading.Thread(target=refresh)
        worker.start()
        started.wait(5)
        # The refresh waits for the destroying transaction (the root is locked).
        assert not done.wait(1)
    assert done.wait(10)
    worker.join()
    assert outcome == {"written": 0}
    assert not Pseudonym.objects.filter(dossier_key=ref.key).exists()


def test_k3_a_destruction_during_a_check_purges_the_checks_entry_too(asking, holding, with_basis):
    """K3, B8: a check answering from a dossier holds its rows until it commits; a destruction
    at that moment waits, then purges the trail with the check's entry: nothing of the
    destroyed dossier is left, nor answered after."""
    from security.models import AuditEntry
    from tests.elsewhere.conftest import ask

    ref = DossierRef("weegploeg", dossier(holding).number)
    done = threading.Event()
    outcome = {}

    def destroy():
        try:
            outcome["destroyed"] = bool(
                registry.get("weegploeg").destroy(ref, by=holding.uitvoerder)
            )
        except Exception as error:  # noqa: BLE001 - reported below
            outcome["error"] = error
        finally:
            connection.close()
            done.set()

    with transaction.atomic():
        assert ask(asking).answers
        worker = threading.Thread(target=destroy)
        worker.start()
        assert not done.wait(1)  # waits for the check
    assert done.wait(20)
    worker.join()
    assert outcome == {"destroyed": True}
    trail = AuditEntry.objects.for_dossier(ref)
    assert not [e for e in trail if "known_elsewhere" in (e.additional_data or {})]
    assert ask(asking).answers == []
