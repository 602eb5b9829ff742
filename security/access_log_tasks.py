"""S2, O3: the daily reminder of access-log reviews that are due (a period ended and not
signed off): at most one mail per period a week, recorded on the review. S2, issue 13: the
unusual reads worked out every minute, after the chain has sealed the entries (docs/adr/0027)."""

from celery import shared_task

from security.services.access_review import send_review_reminders
from security.services.unusual_reads import RUN_BATCHES, work_out


@shared_task(acks_late=True)
def remind_access_reviews() -> dict:
    reminded = send_review_reminders()
    return {"reminded": [review.pk for review in reminded]}


@shared_task(acks_late=True)
def work_out_unusual_reads() -> dict:
    """S2, issue 13: the unusual reads of the entries sealed since the last run (docs/adr/0027)."""
    progress = work_out(max_batches=RUN_BATCHES)
    return {"entries": progress.entries, "unusual": progress.unusual, "sequence": progress.sequence}
