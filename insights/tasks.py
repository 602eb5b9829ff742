"""U6, ADR 0028: the summary of management information worked out afresh (every hour by the
beat, or when an overseer asks). Idempotent: a rerun replaces the summary with the same rows."""

from celery import shared_task

from insights import summary


@shared_task(acks_late=True)
def recompute_figures() -> int:
    """The number of summary rows written."""
    return summary.recompute().rows
