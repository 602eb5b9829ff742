"""The models of oversight (S2, S3, S5, P4), one module per concern."""

from security.models.audit import AuditEntry, AuditEntryManager, dossier_columns

__all__ = ["AuditEntry", "AuditEntryManager", "dossier_columns"]
from security.models.authorisation_reviews import (  # noqa: E402
    AuthorisationReview,
    ReviewDecision,
    ReviewItem,
    ReviewItemKind,
)
from security.models.policy import PolicyEvaluation, PolicyReminder, PolicyReminderStage  # noqa: E402
from security.models.suspensions import AccountSuspension  # noqa: E402

__all__ += [
    "AccountSuspension",
    "AuthorisationReview",
    "PolicyEvaluation",
    "PolicyReminder",
    "PolicyReminderStage",
    "ReviewDecision",
    "ReviewItem",
    "ReviewItemKind",
]
