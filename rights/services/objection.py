"""R7 (VH 18.4, AVG 21): the decision on an objection, within four weeks of its receipt (the
request's deadline), with the weighing of the interests of the subject and of the controller
recorded. An upheld objection ends the processing of every dossier the request covers: each
file closes it and it goes to retention (`end_processing` of the registry)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rights.constants import LetterKind, RequestKind
from rights.models import Letter, ObjectionDecision
from rights.pdf import render_pdf
from rights.services.outcome_common import check_step, confirmed_refs
from rights.services.overview import letter_context
from subjects import registry


@transaction.atomic
def decide_objection(
    subject_request, *, by, weighing: str, upheld: bool, decided_on: date
) -> ObjectionDecision:
    check_step(subject_request, by=by, kind=RequestKind.OBJECTION)
    errors = {}
    if ObjectionDecision.objects.filter(request=subject_request).exists():
        errors["upheld"] = _("The objection has been decided already.")
    if not (weighing or "").strip():
        errors["weighing"] = _("Record the weighing of the interests.")
    if upheld is None:
        errors["upheld"] = _("Say whether the objection is upheld.")
    if decided_on is None or decided_on > timezone.localdate():
        errors["decided_on"] = _("Give the date of the decision, not a date to come.")
    elif decided_on < subject_request.received_on:
        errors["decided_on"] = _("The decision cannot be older than the request.")
    if errors:
        raise ValidationError(errors)
    decision = ObjectionDecision.objects.create(
        request=subject_request,
        weighing=weighing.strip(),
        upheld=upheld,
        decided_on=decided_on,
        decided_by=by,
    )
    if upheld:
        with translation.override("nl"):
            reason = _("Objection of the subject upheld (request %(number)s).") % {
                "number": subject_request.number
            }
        for ref in confirmed_refs(subject_request):
            registry.get(ref.file_label).end_processing(ref, by=by, reason=reason)
    pdf = render_pdf(
        "rights/letters/decision.html",
        letter_context(subject_request, decision=decision),
    )
    decision.letter = Letter.objects.create(
        kind=LetterKind.DECISION, request=subject_request, pdf=pdf, made_by=by
    )
    decision.save(update_fields=["letter"])
    return decision
