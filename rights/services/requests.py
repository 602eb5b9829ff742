"""Handling a request after its intake (R1-R3, U3): finding the person's dossiers through the
registry of files, confirming each match, and closing the request (answered or withdrawn).
Every step past the intake asks for the identity first (R2, `require_identity`)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import ReadKind, acting_for
from config.concurrency import claim_version
from rights.constants import RequestState
from rights.models import RequestDossier, SubjectRequest
from rights.permissions.requests import may_handle_requests
from rights.services import deadlines
from rights.services.guards import require_identity
from rights.services.request_audit import log_request_read
from rights.services.request_states import move_to, refuse_closed
from subjects import registry
from subjects.registry import DossierRef, Identity


@dataclass(frozen=True)
class Candidate:
    """A dossier the registry found for the person a request is about, in a file of the
    request's Veiligheidshuis: which file, which dossier, and whether it is confirmed."""

    ref: DossierRef
    file_name: str
    confirmed: bool
    link: str = ""  # the dossier's page, for whoever keeps the file; "" when the file has none


def require_handler(subject_request: SubjectRequest, by) -> None:
    if not may_handle_requests(by, subject_request.veiligheidshuis):
        raise PermissionDenied


def identity_of(subject_request: SubjectRequest) -> Identity:
    return Identity(
        surname=subject_request.surname,
        given_names=subject_request.given_names,
        date_of_birth=subject_request.date_of_birth,
        prefix=subject_request.prefix,
        bsn=subject_request.bsn,
    )


def _link(file, ref: DossierRef) -> str:
    return file.dossier_url(ref)


def _found(subject_request: SubjectRequest) -> list[tuple[DossierRef, str, str]]:
    """Every dossier of every file about the person, kept in a file of the request's
    Veiligheidshuis: (ref, file name, link)."""
    identity = identity_of(subject_request)
    found = []
    for file in registry.files():
        for ref in file.find_dossiers(identity):
            data_file = file.data_file(ref)
            if data_file.veiligheidshuis_id == subject_request.veiligheidshuis_id:
                found.append((ref, data_file.name, _link(file, ref)))
    return found


def find_candidates(subject_request: SubjectRequest, *, by) -> list[Candidate]:
    """The dossiers that may be about the requester, for the handler to confirm one by one.
    Refused before the identity is recorded (R2); the search is access-logged (S2), with an
    entry for each dossier found."""
    require_handler(subject_request, by)
    require_identity(subject_request)
    confirmed = set(deadlines.covered_refs(subject_request))
    found = _found(subject_request)
    log_request_read(by, subject_request, kind=ReadKind.SEARCH, dossiers=[f[0] for f in found])
    return [
        Candidate(ref=ref, file_name=name, confirmed=ref in confirmed, link=link)
        for ref, name, link in found
    ]


def confirm_dossier(
    subject_request: SubjectRequest, ref: DossierRef, *, by, expected_version: int | None = None
) -> RequestDossier:
    """The handler confirms that a dossier found is about the requester: the request covers
    it, and its deadline follows the strictest term of the files covered (R3)."""
    require_handler(subject_request, by)
    require_identity(subject_request)
    refuse_closed(subject_request)
    if ref not in [found[0] for found in _found(subject_request)]:
        raise ValidationError(
            {"dossier": _("This dossier is not among those found for this request.")}
        )
    if ref in deadlines.covered_refs(subject_request):
        raise ValidationError({"dossier": _("This dossier has been confirmed already.")})
    with transaction.atomic(), acting_for(by):
        claim_version(subject_request, expected_version)
        row = RequestDossier.objects.create(
            request=subject_request, file_label=ref.file_label, dossier_key=ref.key, confirmed_by=by
        )
        move_to(subject_request, RequestState.IN_PROGRESS)
        deadlines.recompute_due(subject_request)
        subject_request.save()
    return row


def unconfirm_dossier(
    subject_request: SubjectRequest, ref: DossierRef, *, by, expected_version: int | None = None
) -> None:
    """A match confirmed by mistake is taken back, as long as the request is not answered."""
    require_handler(subject_request, by)
    require_identity(subject_request)
    refuse_closed(subject_request)
    row = subject_request.dossiers.filter(file_label=ref.file_label, dossier_key=ref.key).first()
    if row is None:
        raise ValidationError({"dossier": _("This dossier is not confirmed for this request.")})
    with transaction.atomic(), acting_for(by):
        claim_version(subject_request, expected_version)
        row.delete()
        if not subject_request.dossiers.exists():
            move_to(subject_request, RequestState.IDENTIFIED)
        deadlines.recompute_due(subject_request)
        subject_request.save()


def _closing_date(on: date | None, subject_request: SubjectRequest, field: str) -> date:
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if on < subject_request.received_on:
        raise ValidationError({field: _("The date cannot be before the request was received.")})
    return on


def _close(subject_request, state, *, field: str, on, by, expected_version) -> SubjectRequest:
    on = _closing_date(on, subject_request, field)
    with transaction.atomic(), acting_for(by):
        claim_version(subject_request, expected_version)
        move_to(subject_request, state)
        setattr(subject_request, field, on)
        subject_request.closed_by = by
        subject_request.save()
    return subject_request


def mark_answered(
    subject_request: SubjectRequest,
    *,
    by,
    answered_on: date | None = None,
    expected_version: int | None = None,
) -> SubjectRequest:
    """The request has been answered: reminders stop, nothing more changes."""
    require_handler(subject_request, by)
    require_identity(subject_request)
    refuse_closed(subject_request)
    return _close(
        subject_request,
        RequestState.DONE,
        field="answered_on",
        on=answered_on,
        by=by,
        expected_version=expected_version,
    )


def withdraw(
    subject_request: SubjectRequest,
    *,
    by,
    withdrawn_on: date | None = None,
    expected_version: int | None = None,
) -> SubjectRequest:
    """The requester withdrew the request; it discloses nothing, so no identity is needed."""
    require_handler(subject_request, by)
    refuse_closed(subject_request)
    return _close(
        subject_request,
        RequestState.WITHDRAWN,
        field="withdrawn_on",
        on=withdrawn_on,
        by=by,
        expected_version=expected_version,
    )


def next_step(subject_request: SubjectRequest) -> str:
    """What the handler does next, as the request page says it (U3)."""
    if subject_request.state == RequestState.DONE:
        return "answered"
    if subject_request.state == RequestState.WITHDRAWN:
        return "withdrawn"
    if not subject_request.identity_established:
        return "identity"
    if not subject_request.dossiers.exists():
        return "dossiers"
    return "outcome"
