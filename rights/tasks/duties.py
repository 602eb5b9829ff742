"""Beat task of the duty to inform (I2): the daily reminder of postponements. Thin: the work is
in `rights.services.duty_reminders`."""

from celery import shared_task

from rights.services.duty_reminders import send_postponement_reminders


@shared_task(acks_late=True)
def remind_postponements() -> int:
    """Daily (I2): idempotent, decides from the database, catches up after downtime."""
    return send_postponement_reminders()
