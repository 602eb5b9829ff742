"""The models of oversight (S2, S3, S5, P4), one module per concern."""

from security.models.access_review import AccessReview, LogSearch
from security.models.audit import AuditEntry, AuditEntryManager, dossier_columns
from security.models.authorisation_reviews import (
    AuthorisationReview,
    ReviewDecision,
    ReviewItem,
    ReviewItemKind,
)
from security.models.chain import GENESIS, ChainHead, PurgedLink
from security.models.incidents import ClockNotice, Incident
from security.models.policy import PolicyEvaluation, PolicyReminder, PolicyReminderStage
from security.models.suspensions import AccountSuspension
from security.models.unusual_reads import UnusualRead, UnusualReadsProgress

__all__ = [
    "AccessReview",
    "AccountSuspension",
    "AuditEntry",
    "AuditEntryManager",
    "AuthorisationReview",
    "ChainHead",
    "ClockNotice",
    "GENESIS",
    "Incident",
    "LogSearch",
    "PolicyEvaluation",
    "PolicyReminder",
    "PolicyReminderStage",
    "PurgedLink",
    "ReviewDecision",
    "ReviewItem",
    "ReviewItemKind",
    "UnusualRead",
    "UnusualReadsProgress",
    "dossier_columns",
]
