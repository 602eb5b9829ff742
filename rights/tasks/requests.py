"""R3: the daily reminders of request deadlines (a warning a week before, an alarm after)."""

from celery import shared_task

from rights.services.request_reminders import send_deadline_reminders


@shared_task(acks_late=True)
def remind_request_deadlines() -> dict:
    sent = send_deadline_reminders()
    return {"warned": len(sent.warned), "alarmed": len(sent.alarmed)}
