"""Reactivation (B5): an archived dossier made available again, and recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from retention.constants import ReactivatedBy
from retention.models import Reactivation
from subjects import registry
from subjects.registry import DossierRef


@transaction.atomic
def reactivate(ref: DossierRef, *, instructed_by: str, reason: str, by) -> Reactivation:
    """CTER 13.3: on the controller's instruction, recorded with who instructed it and why.
    Who may is the caller's rule (`retention.permissions`)."""
    errors = {}
    if not instructed_by.strip():
        errors["instructed_by"] = _("Name the controller who gave the instruction.")
    if not reason.strip():
        errors["reason"] = _("Give the reason of the reactivation.")
    if errors:
        raise ValidationError(errors)
    file = registry.get(ref.file_label)
    state = file.state(ref)
    if state is None or not state.archived:
        raise ValidationError(_("This dossier is not in the archive."))
    file.reactivate(ref, by=by)
    return Reactivation.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        via=ReactivatedBy.CONTROLLER,
        instructed_by=instructed_by.strip(),
        reason=reason.strip(),
        recorded_by=by,
    )


def record_agenda_reactivation(ref: DossierRef, *, by) -> Reactivation:
    """VH 20.1: the file reactivated an archived dossier by putting the subject on the agenda
    again; this records it. The file calls it in its own transaction."""
    return Reactivation.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        via=ReactivatedBy.AGENDA,
        recorded_by=by,
    )
