"""The sweep in batches (issue 13, O3, B8, S2): due dossiers destroyed a batch per transaction,
at a cost that grows far less than by the dossier; a failing dossier in a batch leaves the others
destroyed and itself whole and marked failed; the audit chain verifies after the batch's purge;
the sessions forget every person of the batch in one pass."""

from datetime import date, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from retention.models import DestructionRecord, DossierSweepState
from security.models import AuditEntry, PurgedLink
from security.services.chain import seal_pending, verify_chain
from subjects.registry import DossierRef
from tests.retention.sweep_fixtures import fate, not_substantial, records, sweep
from tests.weegploeg.factories import PERSON, Weegploeg
from weegploeg.models import Assessment, Signal
from weegploeg.services import retention as weegploeg_retention

pytestmark = pytest.mark.django_db

DECIDED, DUE = date(2027, 1, 4), date(2027, 7, 4)


def due_dossier(wp, n: int) -> DossierRef:
    """A weegploeg dossier of a person of its own (surname "Jansen<n>"), decided "not
    substantial" on DECIDED, so due for destruction on DUE (CTER 13.4, B2)."""
    return not_substantial(wp, on=DECIDED, person={**PERSON, "surname": f"Jansen{n}"})


def whole(ref):
    return {
        "assessment": Assessment.objects.filter(number=ref.key).count(),
        "signals": Signal.objects.filter(assessment__number=ref.key).count(),
        "trail": AuditEntry.objects.for_dossier(ref).count(),
    }


def queries_of_sweep(day: date) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        sweep(day)
    return [query["sql"] for query in captured.captured_queries]


# K3: the elsewhere index withdraws the pseudonyms of a batch's roots in one statement per file
# (`elsewhere.index_signals.withdrawing_batch`, ADR 0034).
PSEUDONYMS = 'DELETE FROM "elsewhere_pseudonym"'


def test_issue13_b7_b8_o3_a_batchs_queries_do_not_grow_with_its_dossiers(region):
    """ADR 0029: one collector over the batch's roots, one rights forgetting, one purge, the
    figures of the batch counted together, the records and the destruction entries in one
    insert each, the elsewhere index's rows withdrawn in one statement (K3, ADR 0034): a batch
    of 40 dossiers takes as many queries as a batch of 10."""
    wp = Weegploeg(region)
    for n in range(10):
        due_dossier(wp, n)
    few = queries_of_sweep(DUE)
    for n in range(10, 50):
        due_dossier(wp, n)
    many = queries_of_sweep(DUE + timedelta(days=1))
    assert Assessment.objects.count() == 0
    assert DestructionRecord.objects.count() == 50
    assert sum(PSEUDONYMS in sql for sql in few) == sum(PSEUDONYMS in sql for sql in many) == 1
    print(f"queries: 10 dossiers {len(few)}, 40 dossiers {len(many)}")
    # The same but for a cache the first run fills (a content type, a file's terms).
    assert abs(len(few) - len(many)) <= 2, (len(few), len(many))


def test_o3_b8_a_failing_dossier_leaves_the_rest_of_its_batch_destroyed(region, monkeypatch):
    """The batch is rolled back whole and done again one dossier at a time: the failing one is
    whole and marked failed with the reason, the others are destroyed with their records."""
    wp = Weegploeg(region)
    refs = [due_dossier(wp, n) for n in range(3)]
    bad = refs[1]
    before = whole(bad)
    real = weegploeg_retention.forget_dossiers

    def forget(refs):
        counted = real(refs)
        if bad in refs:
            raise RuntimeError("schijf vol")
        return counted

    monkeypatch.setattr(weegploeg_retention, "forget_dossiers", forget)
    run = sweep(DUE)
    assert (run.destroyed, run.failed) == (2, 1)
    assert [fate(ref) for ref in refs] == ["destroyed", "kept", "destroyed"]
    assert whole(bad) == before and not records(bad).exists()
    assert [records(ref).get().run for ref in (refs[0], refs[2])] == [run, run]
    failed = DossierSweepState.objects.get()
    assert (failed.dossier_key, failed.failure, failed.attempts) == (
        bad.key,
        "RuntimeError: schijf vol",
        1,
    )


def test_s2_b8_the_audit_chain_verifies_after_a_batch_purge(region):
    """The batch's purge records the place and hashes of every sealed entry it deletes, so the
    chain still verifies; each dossier keeps one destruction entry, naming its purged links."""
    wp = Weegploeg(region)
    refs = [due_dossier(wp, n) for n in range(3)]
    sealed = {ref: AuditEntry.objects.for_dossier(ref).count() for ref in refs}
    seal_pending()
    assert verify_chain().ok
    run = sweep(DUE)
    assert run.destroyed == 3
    seal_pending()
    result = verify_chain()
    assert result.ok, result.describe()
    for ref in refs:
        (left,) = AuditEntry.objects.for_dossier(ref)
        assert left.additional_data["destroyed"] is True
        links = PurgedLink.objects.filter(batch=left.additional_data["purged_links"])
        assert links.count() >= sealed[ref]


def test_b8_the_sessions_forget_every_person_of_the_batch_in_one_pass(region, monkeypatch):
    wp = Weegploeg(region)
    refs = [due_dossier(wp, n) for n in range(3)]
    stores = []
    for n in range(3):
        store = SessionStore()
        store["_auth_user_id"] = str(wp.uitvoerder.pk)
        store["search"] = {"q": f"jansen{n}"}
        store["other"] = "Pietersen"
        store.save()
        stores.append(store.session_key)
    decoded = []
    real = Session.get_decoded
    monkeypatch.setattr(Session, "get_decoded", lambda self: decoded.append(1) or real(self))
    run = sweep(DUE)
    assert run.destroyed == 3
    assert len(decoded) == Session.objects.count() == 3  # one pass for the batch
    monkeypatch.undo()
    for key in stores:
        data = Session.objects.get(session_key=key).get_decoded()
        assert "search" not in data
        assert data["other"] == "Pietersen" and data["_auth_user_id"] == str(wp.uitvoerder.pk)
    assert all(fate(ref) == "destroyed" for ref in refs)
