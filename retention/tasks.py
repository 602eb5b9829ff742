"""The hourly retention sweep on Celery beat (B2-B6, O3): idempotent, decides from the database
as of today, and catches up after downtime."""

from celery import shared_task

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
