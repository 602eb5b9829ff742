"""R2 (CTER 12.3): nothing about a request is searched or disclosed before the requester's
identity is recorded. Every step past the intake calls `require_identity` first."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def require_identity(subject_request) -> None:
    if not subject_request.identity_established:
        raise ValidationError(_("First record how the identity of the requester was established."))
