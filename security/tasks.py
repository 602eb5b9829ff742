"""Oversight jobs on Celery beat (O3): thin, each over a service that decides from the database
as of now, so it is idempotent and catches up after downtime."""

from celery import shared_task

from security.services.breach_clock import run_clock


@shared_task(acks_late=True)
def run_breach_clock() -> dict:
    """S3, AVG 33.1: warn at 48, 24 and 12 hours left, alarm once the 72 hours have passed."""
    return run_clock()
