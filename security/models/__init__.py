"""The models of oversight (S2, S3, S5, P4), one module per concern."""

from security.models.audit import AuditEntry, AuditEntryManager, dossier_columns

__all__ = ["AuditEntry", "AuditEntryManager", "dossier_columns"]
from security.models.access_review import AccessReview, LogSearch  # noqa: E402

__all__ += ["AccessReview", "LogSearch"]
