"""The letter that informs (I4, I5; VH 17.1): what is processed, which kinds of data, for what
purpose and on what basis, how long, the rights and how to use them, and whom to contact, with
the address and contact details. Rendered as a PDF from the file's settings, addressed through
the registry (the subject or a related person), and kept with the dossier as a `Letter` until
the dossier is destroyed. Recording its sending informs the person."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.audit import ReadKind
from rights.constants import DutyOccasion, DutyState, LetterKind
from rights.models import DutyToInform, FileRightsSettings, Letter
from rights.pdf import render_pdf
from rights.permissions.duties import may_handle_duty, may_see_duty
from rights.services.duties import dossier_ref, person_ref, record_informed
from rights.services.duty_reads import log_duty_reads
from rights.services.file_settings import missing_for_letter, settings_for
from subjects import registry
from subjects.registry import Addressee

TEMPLATE = "rights/letters/information.html"


def _context(*, settings: FileRightsSettings, addressee: Addressee, on: date, **extra) -> dict:
    return {
        "settings": settings,
        "file_name": settings.data_file.name,
        "addressee": addressee,
        "address_lines": [line for line in addressee.address.splitlines() if line.strip()],
        "on": on,
        **extra,
    }


def render_information_letter(
    *,
    settings: FileRightsSettings,
    addressee: Addressee,
    on: date,
    related: bool = False,
    reference: str = "",
    closing: bool = False,
) -> bytes:
    """The PDF, in Dutch whatever the user's language (U4)."""
    context = _context(
        settings=settings,
        addressee=addressee,
        on=on,
        related=related,
        reference=reference,
        closing=closing,
    )
    return render_pdf(TEMPLATE, context)


def sample_addressee() -> Addressee:
    """A placeholder person for the preview: no real personal data."""
    with translation.override("nl"):
        return Addressee(
            name=_("[Name of the person]"),
            address=_("[Street and number]") + "\n" + _("[Postcode and town]"),
        )


def preview_letter(settings: FileRightsSettings, *, by) -> bytes:
    """I4: what a letter of the file looks like with these settings, for the beheerder."""
    from parties.permissions import is_beheerder

    if not is_beheerder(by):
        raise PermissionDenied
    return render_information_letter(
        settings=settings,
        addressee=sample_addressee(),
        on=timezone.localdate(),
        reference=_("EXAMPLE"),
    )


@transaction.atomic
def make_information_letter(duty: DutyToInform, *, by) -> Letter:
    """I4: the letter of a duty to inform, kept as a `Letter` of the dossier. Only while the
    person is to be informed, and only when the file's settings name the contact person with
    the address and contact details (VH 17.1)."""
    if not may_handle_duty(by, duty):
        raise PermissionDenied
    duty = DutyToInform.objects.select_for_update().get(pk=duty.pk)
    if duty.state != DutyState.TO_INFORM:
        if duty.state == DutyState.POSTPONED:
            raise ValidationError(
                _("Informing is postponed: record first that the ground has lapsed.")
            )
        raise ValidationError(_("This duty needs no letter any more."))
    settings = settings_for(duty.data_file)
    if missing_for_letter(settings):
        raise ValidationError(
            _(
                "The letter cannot be made: the beheerder has not yet filled in what is "
                "processed, its purpose and the contact person with address and contact "
                "details for this file."
            )
        )
    ref = dossier_ref(duty)
    person = person_ref(duty)
    addressee = registry.get(ref.file_label).addressee(ref, person)
    pdf = render_information_letter(
        settings=settings,
        addressee=addressee,
        on=timezone.localdate(),
        related=person is not None,
        reference=_("Duty to inform %(number)s") % {"number": duty.pk},
        closing=duty.occasion == DutyOccasion.CLOSING,
    )
    letter = Letter.objects.create(
        kind=LetterKind.INFORMATION,
        file_label=ref.file_label,
        dossier_key=ref.key,
        duty=duty,
        pdf=pdf,
        made_by=by,
    )
    log_duty_reads(by, [duty], kind=ReadKind.EXPORT)
    return letter


@transaction.atomic
def record_sending(letter: Letter, *, sent_on: date, means: str, by) -> Letter:
    """I4: the letter was sent (the date, the means, by whom), which informs the person of the
    duty (I1, I3): the duty is informed on the same day, by the same means."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    duty = letter.duty
    if duty is None or letter.kind != LetterKind.INFORMATION:
        raise ValidationError(_("This is not a letter of a duty to inform."))
    if not may_handle_duty(by, duty):
        raise PermissionDenied
    if letter.sent_on is not None:
        raise ValidationError(_("The sending of this letter has been recorded already."))
    record_informed(duty, informed_on=sent_on, means=means, by=by)
    letter.sent_on = sent_on
    letter.sent_means = means
    letter.sent_by = by
    letter.save(update_fields=["sent_on", "sent_means", "sent_by"])
    return letter


def letter_for_reading(user, duty: DutyToInform, letter_pk) -> Letter:
    """A letter of the duty, for who may see the duty; the read is logged against the dossier
    (S2). LookupError for any other letter."""
    if not may_see_duty(user, duty):
        raise PermissionDenied
    letter = duty.letters.filter(pk=letter_pk).first()
    if letter is None:
        raise LookupError("No such letter.")
    log_duty_reads(user, [duty], kind=ReadKind.EXPORT)
    return letter
