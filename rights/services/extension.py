"""Extending the term of a request by two months (R3; AVG 12.3): only with reasons, only while
the first term runs, and with a letter to the requester, whose sending is recorded. A request
that includes an objection is decided within four weeks (VH 18.4): it is not extended."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import acting_for
from config.concurrency import claim_version
from rights.constants import LetterKind, RequesterKind, SendingMeans
from rights.models import Letter, SubjectRequest
from rights.pdf import render_pdf
from rights.services import deadlines
from rights.services.guards import require_identity
from rights.services.request_states import refuse_closed
from rights.services.requests import require_handler

LETTER_TEMPLATE = "rights/letters/extension.html"


def addressee_name(subject_request: SubjectRequest) -> str:
    if subject_request.requester_kind == RequesterKind.REPRESENTATIVE:
        return subject_request.representative_name
    names = (subject_request.given_names, subject_request.prefix, subject_request.surname)
    return " ".join(part for part in names if part)


def extension_refusal(subject_request: SubjectRequest, today: date) -> str:
    """Why the term cannot be extended now, or ""."""
    if subject_request.extended_to is not None:
        return _("The term has been extended already; it can be extended only once.")
    if subject_request.includes_objection:
        return _(
            "An objection is decided within four weeks of receipt: that term cannot be extended."
        )
    if today > subject_request.due_on:
        return _(
            "The first term ended on %(date)s: it can only be extended while it runs (AVG 12.3)."
        ) % {"date": subject_request.due_on.strftime("%d-%m-%Y")}
    return ""


def extend_term(
    subject_request: SubjectRequest,
    *,
    by,
    reasons: str,
    expected_version: int | None = None,
) -> Letter:
    """Extend the term by two months with `reasons`, and make the letter that tells the
    requester (its sending is recorded with `record_letter_sent`)."""
    require_handler(subject_request, by)
    require_identity(subject_request)
    refuse_closed(subject_request)
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the extension.")})
    refusal = extension_refusal(subject_request, timezone.localdate())
    if refusal:
        raise ValidationError(refusal, code="extension_refused")
    with transaction.atomic(), acting_for(by):
        claim_version(subject_request, expected_version)
        subject_request.extended_to = deadlines.extended_deadline(subject_request.due_on)
        subject_request.extension_reasons = reasons.strip()
        subject_request.warned_at = None  # the new deadline is watched anew
        subject_request.full_clean()
        subject_request.save()
        letter = Letter.objects.create(
            kind=LetterKind.EXTENSION,
            request=subject_request,
            pdf=extension_pdf(subject_request),
            made_by=by,
        )
    return letter


def extension_pdf(subject_request: SubjectRequest) -> bytes:
    return render_pdf(
        LETTER_TEMPLATE,
        {
            "request": subject_request,
            "addressee": addressee_name(subject_request),
            "today": timezone.localdate(),
        },
    )


def record_letter_sent(
    letter: Letter, *, by, sent_on: date | None = None, means: str = SendingMeans.POST
) -> Letter:
    """When and how the extension letter went to the requester, and by whom. The requester is
    told within the first term (AVG 12.3)."""
    subject_request = letter.request
    require_handler(subject_request, by)
    require_identity(subject_request)
    if letter.kind != LetterKind.EXTENSION:
        raise ValidationError(_("This is not a letter about the extension."))
    if letter.sent_on is not None:
        raise ValidationError(_("The sending of this letter has been recorded already."))
    sent_on = sent_on or timezone.localdate()
    errors = {}
    if means not in SendingMeans.values:
        errors["means"] = _("Choose how the letter was sent.")
    if sent_on > timezone.localdate():
        errors["sent_on"] = _("The date cannot be in the future.")
    elif sent_on < timezone.localdate(letter.made_at):
        errors["sent_on"] = _("The letter cannot have been sent before it was made.")
    elif sent_on > subject_request.due_on:
        errors["sent_on"] = _("The requester is told of the extension within the first term.")
    if errors:
        raise ValidationError(errors)
    with acting_for(by):
        letter.sent_on = sent_on
        letter.sent_means = means
        letter.sent_by = by
        letter.save(update_fields=["sent_on", "sent_means", "sent_by"])
    return letter
