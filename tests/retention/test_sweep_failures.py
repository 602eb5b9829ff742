"""A sweep that fails halfway through a dossier (O3): the dossier is left whole and marked
failed with the reason, the keepers get an alarm by e-mail, and the next run finishes it."""

from datetime import date

import pytest

from retention.models import DossierSweepState
from rights.models import DutyToInform
from security.models import AuditEntry
from tests.retention.sweep_fixtures import fate, not_substantial, records, sweep
from tests.weegploeg.factories import PERSON, Weegploeg
from weegploeg.models import Assessment, Signal
from weegploeg.services import retention as weegploeg_retention

pytestmark = pytest.mark.django_db

DUE = date(2027, 7, 4)


def whole(ref):
    """What the dossier has in the tables a destruction deletes first."""
    return {
        "assessment": Assessment.objects.filter(number=ref.key).count(),
        "signals": Signal.objects.filter(assessment__number=ref.key).count(),
        "trail": AuditEntry.objects.for_dossier(ref).count(),
        "duties": DutyToInform.objects.filter(
            file_label=ref.file_label, dossier_key=ref.key
        ).count(),
    }


@pytest.fixture
def breaking(monkeypatch):
    """The destruction breaks after its trail and its duties are deleted."""
    real = weegploeg_retention.forget_dossiers

    def forget_then_fail(refs):
        real(refs)
        raise RuntimeError("schijf vol\nmet meer regels die niet in de reden horen")

    monkeypatch.setattr(weegploeg_retention, "forget_dossiers", forget_then_fail)
    return monkeypatch


def test_o3_a_failure_halfway_leaves_the_dossier_whole_marked_failed_and_alarmed(
    region, breaking, mailoutbox
):
    wp = Weegploeg(region)
    ref = not_substantial(wp, on=date(2027, 1, 4))
    second = not_substantial(wp, on=date(2027, 1, 4))
    before = whole(ref)
    assert before["trail"] > 0 and before["duties"] == 1

    run = sweep(DUE)

    assert (run.failed, run.destroyed) == (2, 0)
    assert whole(ref) == before
    assert fate(ref) == "kept" and not records(ref).exists()
    failed = DossierSweepState.objects.get(file_label="weegploeg", dossier_key=ref.key)
    assert failed.failed_at is not None and failed.attempts == 1 and failed.run == run
    assert failed.failure == "RuntimeError: schijf vol"
    assert PERSON["surname"] not in failed.failure
    # The alarm: to the keepers of the file, numbers and a link, no names.
    assert len(mailoutbox) == 1
    alarm = mailoutbox[0]
    assert alarm.to == [wp.uitvoerder.email]
    assert ref.key in alarm.body and second.key in alarm.body
    assert "/bewaren/" in alarm.body
    for value in (PERSON["surname"], PERSON["given_names"]):
        assert value not in alarm.subject + alarm.body

    # Still failing the next day: tried again, one more attempt.
    assert sweep(date(2027, 7, 5)).failed == 2
    failed.refresh_from_db()
    assert failed.attempts == 2

    breaking.undo()
    run = sweep(date(2027, 7, 6))
    assert (run.destroyed, run.failed) == (2, 0)
    assert fate(ref) == "destroyed" and fate(second) == "destroyed"
    assert records(ref).get().run == run
    assert not DossierSweepState.objects.exists()


def test_o3_a_failed_dossier_no_longer_due_is_dropped_from_the_failures(region, breaking):
    """Its row goes once the dossier is not due any more (here: destroyed by hand)."""
    from retention.constants import Rule
    from retention.services.destruction import destroy_dossier

    wp = Weegploeg(region)
    ref = not_substantial(wp, on=date(2027, 1, 4))
    assert sweep(DUE).failed == 1
    breaking.undo()
    destroy_dossier(ref, rule=Rule.NOT_AGENDERED, due_on=DUE, by=wp.uitvoerder)
    run = sweep(date(2027, 7, 5))
    assert (run.destroyed, run.failed) == (0, 0)
    assert not DossierSweepState.objects.exists()
