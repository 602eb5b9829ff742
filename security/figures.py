"""Breaches reported within 72 hours, for management information (U6, S3).

STUB in the insights branch (issue 11): the incident register's helper implements it; the lead
keeps theirs at merge. The signature is the contract insights calls."""

from datetime import date

KEYS = ("on_time", "late", "pending", "not_notified")


def breach_notifications(veiligheidshuis_ids, since: date, until: date) -> dict:
    """The data breaches of these Veiligheidshuizen discovered from `since` up to and including
    `until`: notified to the AP within 72 hours (on_time), later (late), not yet decided
    (pending), decided not to notify (not_notified). Counts only."""
    return dict.fromkeys(KEYS, 0)
