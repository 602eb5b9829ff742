"""The hourly retention sweep on Celery beat (B2-B6, O3): idempotent, decides from the database
as of today, and catches up after downtime. And the stored due dates the sweep reads (ADR
0021): worked out again every night, and for every dossier of a file whose terms changed."""

from celery import shared_task

from retention import due_index
from retention.constants import Trigger
from retention.services.sweep import run_sweep


@shared_task(acks_late=True)
def sweep() -> dict:
    run = run_sweep(trigger=Trigger.BEAT)
    return {
        "run": run.pk,
        "archived": run.archived,
        "destroyed": run.destroyed,
        "held": run.held,
        "failed": run.failed,
    }


@shared_task(acks_late=True)
def rebuild_due_dates() -> int:
    """Every dossier's stored due date afresh: the safety net under the signals."""
    return due_index.rebuild()


@shared_task(acks_late=True)
def refresh_due_dates(data_file_id: int) -> None:
    """The stored due dates of every dossier of a file whose terms changed."""
    due_index.refresh_file(data_file_id)
