"""Oversight (S2, S3, S5, P4) and management information (U6): thresholds and periods.

One section per concern; the beat entries of these jobs are in `config/settings/celery.py`."""

from config.environment import setting  # noqa: F401

# --- incidents and data breaches (S3) ---------------------------------------------------------

# --- access-log review and the hash chain (S2) ------------------------------------------------

# --- authorisation reviews (P4) and the policy evaluation (S5) --------------------------------

# --- management information (U6) --------------------------------------------------------------
