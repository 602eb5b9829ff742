"""Oversight (S2, S3, S5, P4) and management information (U6): thresholds and periods.

One section per concern; the beat entries of these jobs are in `config/settings/celery.py`."""

from config.environment import setting  # noqa: F401

# --- incidents and data breaches (S3) ---------------------------------------------------------

# --- access-log review and the hash chain (S2) ------------------------------------------------

# The access-log review (S2, CTER 15.1e): when a read stands out (security/anomalies.py).
ANOMALY_READS_FACTOR = setting(
    "ANOMALY_READS_FACTOR",
    default=3,
    cast=int,
    help_text="A user's reads of a day stand out when they read more than this many times "
    "their daily average of dossiers over the baseline days (and at least ANOMALY_MIN_READS).",
    group="Oversight",
)
ANOMALY_BASELINE_DAYS = setting(
    "ANOMALY_BASELINE_DAYS",
    default=28,
    cast=int,
    help_text="The days before a day whose reads make a user's daily average of dossiers read.",
    group="Oversight",
)
ANOMALY_MIN_READS = setting(
    "ANOMALY_MIN_READS",
    default=20,
    cast=int,
    help_text="The fewest dossiers read in a day that can stand out as far more than usual.",
    group="Oversight",
)
ANOMALY_NIGHT_START = setting(
    "ANOMALY_NIGHT_START",
    default=22,
    cast=int,
    help_text="The hour (0-23, local time) from which a read counts as a read at night.",
    group="Oversight",
)
ANOMALY_NIGHT_END = setting(
    "ANOMALY_NIGHT_END",
    default=6,
    cast=int,
    help_text="The hour (0-23, local time) until which a read counts as a read at night.",
    group="Oversight",
)
ANOMALY_DASHBOARD_DAYS = setting(
    "ANOMALY_DASHBOARD_DAYS",
    default=7,
    cast=int,
    help_text="The last days whose unusual reads the overseers' dashboard counts.",
    group="Oversight",
)
ACCESS_REVIEW_PERIOD_MONTHS = setting(
    "ACCESS_REVIEW_PERIOD_MONTHS",
    default=3,
    cast=int,
    help_text="The length in months of a period whose access log is reviewed and signed off "
    "per Veiligheidshuis (periods start in January).",
    group="Oversight",
)

# --- authorisation reviews (P4) and the policy evaluation (S5) --------------------------------

# --- management information (U6) --------------------------------------------------------------
