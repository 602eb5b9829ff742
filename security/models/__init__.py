"""The models of oversight (S2, S3, S5, P4), one module per concern."""

from security.models.audit import AuditEntry, AuditEntryManager, dossier_columns

__all__ = ["AuditEntry", "AuditEntryManager", "dossier_columns"]
__all__ += ["ClockNotice", "Incident"]
from security.models.incidents import ClockNotice, Incident  # noqa: E402
