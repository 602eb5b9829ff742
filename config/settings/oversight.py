"""Oversight (S2, S3, S5, P4) and management information (U6): thresholds and periods.

One section per concern; the beat entries of these jobs are in `config/settings/celery.py`."""

from config.environment import setting  # noqa: F401

# --- incidents and data breaches (S3) ---------------------------------------------------------

# --- access-log review and the hash chain (S2) ------------------------------------------------

# --- authorisation reviews (P4) and the policy evaluation (S5) --------------------------------
AUTHORISATION_REVIEW_MONTHS = setting(
    "AUTHORISATION_REVIEW_MONTHS",
    default=3,
    cast=int,
    help_text="P4: months per authorisation review period (3: each quarter); a review per party "
    "is created when its period starts.",
    group="Oversight",
)
AUTHORISATION_REVIEW_DUE_DAYS = setting(
    "AUTHORISATION_REVIEW_DUE_DAYS",
    default=30,
    cast=int,
    help_text="P4: days after the start of its period that an authorisation review is due; "
    "after that it is overdue and alarms.",
    group="Oversight",
)
ACCOUNT_DORMANT_DAYS = setting(
    "ACCOUNT_DORMANT_DAYS",
    default=90,
    cast=int,
    help_text="P4: days without a sign-in after which an account is suspended (API tokens' "
    "service accounts excepted).",
    group="Oversight",
)
ACCOUNT_REINSTATE_GRACE_DAYS = setting(
    "ACCOUNT_REINSTATE_GRACE_DAYS",
    default=14,
    cast=int,
    help_text="P4: days a reinstated account has to sign in before it is suspended again.",
    group="Oversight",
)
POLICY_REMINDER_DAYS = setting(
    "POLICY_REMINDER_DAYS",
    default=30,
    cast=int,
    help_text="S5: days before the next date of the security policy evaluation that the "
    "overseers are reminded.",
    group="Oversight",
)

# --- management information (U6) --------------------------------------------------------------
