"""Audit registration of this app's models that hold personal data (S2)."""

from auditlog.registry import auditlog


def register_models():
    from parties.models import (
        ApiToken,
        ConfidentialityDeclaration,
        FileAuthorisation,
        FunctionGrant,
        Membership,
        User,
    )

    auditlog.register(
        User,
        exclude_fields=["password", "last_login"],
        m2m_fields={"groups"},
    )
    auditlog.register(Membership)
    auditlog.register(FunctionGrant)
    auditlog.register(FileAuthorisation)  # P8; the reason and who granted it are in the log (P3)
    auditlog.register(ConfidentialityDeclaration)
    # Never the hash of the key; each use is not a change worth an entry.
    auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at"])
