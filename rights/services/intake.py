"""The intake of a request (R1, U3; CTER 12.2) and the establishing of the requester's identity
(R2; CTER 12.3). One intake covers every file and every party of the Veiligheidshuis
(Besluit gegevensverwerking door samenwerkingsverbanden, art. 1.1)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import acting_for
from config.concurrency import claim_version
from rights.constants import (
    NUMBER_LETTERS,
    IdentityMethod,
    RequesterKind,
    RequestKind,
    RequestState,
)
from rights.models import SubjectRequest
from rights.permissions.requests import may_handle_requests
from rights.services import deadlines
from rights.services.request_states import move_to
from subjects.numbering import next_number, year_prefix


def _intake_errors(data: dict) -> dict:
    errors = {}
    kinds = data.get("kinds") or []
    if not kinds or any(kind not in RequestKind.values for kind in kinds):
        errors["kinds"] = _("Choose what is asked: one or more of the rights.")
    if data["received_on"] > timezone.localdate():
        errors["received_on"] = _("The date of receipt cannot be in the future.")
    if data["date_of_birth"] > timezone.localdate():
        errors["date_of_birth"] = _("The date of birth cannot be in the future.")
    if data.get("requester_kind") == RequesterKind.REPRESENTATIVE:
        if not data.get("representation"):
            errors["representation"] = _("Give the ground on which the representative acts.")
        if not data.get("representative_name", "").strip():
            errors["representative_name"] = _("Give the name of the representative.")
    if RequestKind.RECTIFICATION in kinds and not data.get("explanation", "").strip():
        # CTER 12.5: the requester says which rectification is wanted, and why.
        errors["explanation"] = _("Say which rectification is asked and why.")
    return errors


def receive_request(*, by, veiligheidshuis, **data) -> SubjectRequest:
    """Record a request as it was received. `data` holds the fields of the intake: kinds,
    received_on, channel, requester_kind, representation, representative_name, surname,
    prefix, given_names, date_of_birth, bsn, explanation, reply_address."""
    if not may_handle_requests(by, veiligheidshuis):
        raise PermissionDenied
    errors = _intake_errors(data)
    if errors:
        raise ValidationError(errors)
    if data.get("requester_kind") != RequesterKind.REPRESENTATIVE:
        data["representation"] = ""
        data["representative_name"] = ""
    data["kinds"] = [kind for kind in RequestKind.values if kind in data["kinds"]]
    with transaction.atomic(), acting_for(by):
        subject_request = SubjectRequest(
            veiligheidshuis=veiligheidshuis,
            number=next_number(year_prefix(NUMBER_LETTERS), SubjectRequest, width=4),
            received_by=by,
            due_on=deadlines.due_on_for(received_on=data["received_on"], kinds=data["kinds"]),
            **data,
        )
        subject_request.full_clean()
        subject_request.save()
    return subject_request


def record_identity(
    subject_request: SubjectRequest,
    *,
    by,
    method: str,
    note: str = "",
    expected_version: int | None = None,
) -> SubjectRequest:
    """R2: how the identity of the requester was established, by whom and when. No copy of an
    identity document is kept: only the method and a note."""
    if not may_handle_requests(by, subject_request.veiligheidshuis):
        raise PermissionDenied
    if subject_request.identity_established:
        raise ValidationError(_("The identity has been recorded already."))
    errors = {}
    if method not in IdentityMethod.values:
        errors["method"] = _("Choose how the identity was established.")
    elif method == IdentityMethod.OTHER and not note.strip():
        errors["note"] = _("Explain how the identity was established.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_for(by):
        claim_version(subject_request, expected_version)
        move_to(subject_request, RequestState.IDENTIFIED)
        subject_request.identity_method = method
        subject_request.identity_note = note.strip()
        subject_request.identity_established_by = by
        subject_request.identity_established_at = timezone.now()
        subject_request.full_clean()
        subject_request.save()
    return subject_request
