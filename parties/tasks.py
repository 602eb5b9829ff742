from celery import shared_task

from parties import services


@shared_task(acks_late=True)
def end_departed_parties() -> int:
    """Hourly (P5): idempotent, decides from the database, catches up after downtime."""
    return services.end_departed_parties()


@shared_task(acks_late=True)
def resync_user_groups() -> int:
    """Daily (P8): users' party, function and file groups derived again. Idempotent."""
    return services.resync_user_groups()
