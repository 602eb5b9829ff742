from celery import shared_task

from cases.permissions import resync_case_permissions


@shared_task(acks_late=True)
def resync_permissions() -> int:
    """Daily (C1, P8): case permissions follow the parties and file groups of today."""
    return resync_case_permissions()
