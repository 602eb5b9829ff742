"""Reopening a dossier, the same step in both files (W3, C5; VH 15.2): a decided assessment or a
closed case changes again only after a reopening with its reason, recorded on the record that
closed it (the decision, or the decision to close) with who and when."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from subjects.guard import validate_fields
from subjects.transitions import Workflow

FIELDS = ["reopened_at", "reopened_by", "reopening_reason"]


def reopen(dossier, *, workflow: Workflow, to: str, record: Callable[[], object], by, reason: str):
    """Check that the dossier's status allows the reopening, record it on `record()` (validated
    like every save), then move the dossier to `to` through its file's transition table."""
    workflow.row(dossier, to)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    closed_by = record()
    closed_by.reopened_at, closed_by.reopened_by, closed_by.reopening_reason = (
        timezone.now(),
        by,
        reason,
    )
    # Only the reopening fields change; their errors carry the name forms and the API use.
    validate_fields(closed_by, FIELDS, names={"reopening_reason": "reason"})
    closed_by.save(update_fields=FIELDS)
    workflow.transition(dossier, to, by=by)
    return dossier
