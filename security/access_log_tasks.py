"""S2, O3: the daily reminder of access-log reviews that are due (a period ended and not
signed off): at most one mail per period a week, recorded on the review."""

from celery import shared_task

from security.services.access_review import send_review_reminders


@shared_task(acks_late=True)
def remind_access_reviews() -> dict:
    reminded = send_review_reminders()
    return {"reminded": [review.pk for review in reminded]}
