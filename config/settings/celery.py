"""Celery: the broker, the limits and the beat schedule."""

from celery.schedules import crontab

from config.environment import setting
from config.settings.base import DATA_DIR
from config.settings.general import TIME_ZONE

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = setting(
    "CELERY_BROKER_URL",
    default="filesystem://",
    help_text="Celery broker, e.g. `redis://redis:6379/0`. Empty: a folder in `DATA_DIR`, "
    "no server needed.",
    group="Services",
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = DATA_DIR / "celery"
    for _folder in ("queue", "processed"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "queue"),
        "data_folder_out": str(_queue / "queue"),
        "processed_folder": str(_queue / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Above the hard time limit, so a running task is never handed to a second worker; a
        # task whose worker died unacknowledged (`acks_late`) is handed out again after it.
        "visibility_timeout": 3600,
        # Redis gone (restarted, failed over, a dropped connection): a publish or a command
        # fails within seconds instead of waiting forever on a dead socket (issue 13).
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
# Publishing with the broker down fails fast, a few tries within about a second, rather than
# holding the request or the beat that publishes; a job is caught up by its next beat run,
# since every job decides from the database (ARCHITECTURE, "Time, jobs and deadlines").
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.3,
    "interval_max": 0.5,
}
# The worker and beat wait for a broker that is not up yet (or not back yet) and reconnect.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A job running when the broker goes away runs on to its end. Its message, unacknowledged,
# is handed out again after the visibility timeout and finds nothing left to do: the jobs
# that acknowledge late are idempotent. (Celery 6 will cancel such a job instead.)
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 50 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 45 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "parties-end-departed-parties": {
        "task": "parties.tasks.end_departed_parties",
        "schedule": crontab(minute=5),
    },
    "parties-resync-user-groups": {
        "task": "parties.tasks.resync_user_groups",
        "schedule": crontab(hour=2, minute=5),
    },
    "weegploeg-resync-permissions": {
        "task": "weegploeg.tasks.resync_permissions",
        "schedule": crontab(hour=2, minute=15),
    },
    "cases-resync-permissions": {
        "task": "cases.tasks.resync_permissions",
        "schedule": crontab(hour=2, minute=25),
    },
    "rights-remind-postponements": {
        "task": "rights.tasks.duties.remind_postponements",
        "schedule": crontab(hour=6, minute=35),
    },
    # B2-B6, O3: archive and destroy what is due; idempotent, so hourly catches up at once.
    "retention-sweep": {
        "task": "retention.tasks.sweep",
        "schedule": crontab(minute=45),
    },
    # ADR 0021: the stored due dates the sweep and the preview read, worked out afresh nightly
    # (the signals keep them; this catches what no signal saw). Idempotent.
    "retention-rebuild-due-dates": {
        "task": "retention.tasks.rebuild_due_dates",
        "schedule": crontab(hour=1, minute=15),
    },
    # K2, K3: the published index of "bekend elders?" afresh (the signals keep it; this
    # catches what no signal saw, and a rotated key). Idempotent.
    "elsewhere-rebuild-index": {
        "task": "elsewhere.tasks.rebuild_index",
        "schedule": crontab(hour=1, minute=35),
    },
    "rights-remind-request-deadlines": {
        "task": "rights.tasks.requests.remind_request_deadlines",
        "schedule": crontab(hour=6, minute=40),
    },
    # P4, S5: the authorisation reviews, dormant accounts and the policy evaluation; daily,
    # each idempotent (security/review_tasks.py).
    "security-create-authorisation-reviews": {
        "task": "security.review_tasks.create_authorisation_reviews",
        "schedule": crontab(hour=5, minute=10),
    },
    "security-alarm-overdue-reviews": {
        "task": "security.review_tasks.alarm_overdue_reviews",
        "schedule": crontab(hour=6, minute=50),
    },
    "security-suspend-dormant-accounts": {
        "task": "security.review_tasks.suspend_dormant_accounts",
        "schedule": crontab(hour=3, minute=20),
    },
    "security-remind-policy-evaluation": {
        "task": "security.review_tasks.remind_policy_evaluation",
        "schedule": crontab(hour=6, minute=55),
    },
    # S3, AVG 33.1: the 72-hour data-breach clock; idempotent, catches up from discovery.
    "security-breach-clock": {
        "task": "security.tasks.run_breach_clock",
        "schedule": crontab(minute="*/15"),
    },
    # S2: the audit log's hash chain: seal what was written, verify it every night.
    "security-seal-audit-chain": {
        "task": "security.chain_tasks.seal_audit_chain",
        "schedule": crontab(),
    },
    "security-verify-audit-chain": {
        "task": "security.chain_tasks.verify_audit_chain",
        "schedule": crontab(hour=3, minute=50),
    },
    # U6, ADR 0028: the summary management information reads, worked out afresh every hour
    # (after the sweep of :45, so archived and destroyed dossiers are in). Idempotent.
    "insights-recompute-figures": {
        "task": "insights.tasks.recompute_figures",
        "schedule": crontab(minute=55),
    },
    # S2, issue 13: the unusual reads of the entries sealed since the last run (ADR 0027);
    # a run takes up where the last one stopped, so a missed one is caught up by the next.
    "security-work-out-unusual-reads": {
        "task": "security.access_log_tasks.work_out_unusual_reads",
        "schedule": crontab(),
    },
    # S2: an ended period of the access log not signed off; idempotent, one mail a week.
    "security-remind-access-reviews": {
        "task": "security.access_log_tasks.remind_access_reviews",
        "schedule": crontab(hour=6, minute=50),
    },
}
# I2: how many days before its date to look again a postponement is brought to mind.
DUTY_REMINDER_DAYS = setting(
    "DUTY_REMINDER_DAYS",
    default=7,
    cast=int,
    help_text="Days before a postponed duty to inform is to be looked at again that its "
    "handlers get a reminder.",
    group="Services",
)
