"""Daily jobs of the authorisation reviews (P4) and the policy evaluation (S5), thin over their
services; each decides from the database as of now, so a second run does nothing and a run
after downtime catches up (O3). Imported by `security.apps` so the worker knows them."""

from celery import shared_task

from security.services import authorisation_reviews, policy, suspensions


@shared_task(acks_late=True)
def create_authorisation_reviews() -> dict:
    return {"created": len(authorisation_reviews.create_due_reviews())}


@shared_task(acks_late=True)
def alarm_overdue_reviews() -> dict:
    return {"alarmed": authorisation_reviews.send_overdue_alarms()}


@shared_task(acks_late=True)
def suspend_dormant_accounts() -> dict:
    return {"suspended": len(suspensions.suspend_dormant_accounts())}


@shared_task(acks_late=True)
def remind_policy_evaluation() -> dict:
    return {"reminded": len(policy.send_reminders())}
