"""Oversight (S2, S3, S5, P4) and management information (U6): thresholds and periods.

One section per concern; the beat entries of these jobs are in `config/settings/celery.py`."""

from config.environment import setting  # noqa: F401

# --- incidents and data breaches (S3) ---------------------------------------------------------

# --- access-log review and the hash chain (S2) ------------------------------------------------


def _generated_logboek_key() -> str:
    """A Fernet key kept in the data folder, so the demo and the tests work and no key ever
    sits in the repository. Production sets LOGBOEK_ENCRYPTION_KEY (every web and worker
    process must share it, and whoever reads the exports needs it)."""
    import base64
    import secrets

    from config.settings.base import DATA_DIR

    path = DATA_DIR / "logboek_key"
    if not path.exists():
        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


# S2: the data subject's id in the Logboek Dataverwerkingen export is encrypted with this key.
LOGBOEK_ENCRYPTION_KEY = (
    setting(
        "LOGBOEK_ENCRYPTION_KEY",
        default="",
        help_text="Fernet key (32 bytes, URL-safe base64) that encrypts the data subject's id "
        "in the Logboek Dataverwerkingen export. Production must set it, the same for every "
        "process; make one with `python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())'`. Empty: a key generated once in `DATA_DIR` "
        "(demo and tests only).",
        group="Security",
    )
    or _generated_logboek_key()
)
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
