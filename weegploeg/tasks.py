from celery import shared_task

from weegploeg import services


@shared_task(acks_late=True)
def resync_permissions() -> int:
    """Daily (W4, P7): permissions follow the parties as they are today. Idempotent."""
    return services.resync_permissions()
