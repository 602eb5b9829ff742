"""R6 (CTER 12.5-12.6, VH 18.3, AVG 16-19): rectification, erasure and restriction of one item
of a confirmed dossier, carried out by the file's own services through the registry. Every
recipient in the dossier's records (disclosures, transfers, copies, exports: the registry's
`recipients`, not anyone's memory) gets a notice, recorded with its letter and its sending."""

from datetime import date

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rights.constants import LetterKind, RequestKind, SendingMeans
from rights.models import ItemChange, Letter, Notice
from rights.outcome_constants import ChangeAction, RectificationReason
from rights.pdf import render_pdf
from rights.services.outcome_common import check_step, confirmed_ref, item_kind
from subjects import registry
from subjects.registry import DossierRef, ItemRef

ASKED = {
    ChangeAction.RECTIFY: RequestKind.RECTIFICATION,
    ChangeAction.ERASE: RequestKind.ERASURE,
    ChangeAction.RESTRICT: RequestKind.RESTRICTION,
}


def field_labels(model_label: str, names) -> list[str]:
    """The fields changed, in words (their verbose names): never their values."""
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return list(names)
    labels = []
    for name in names:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def _carry_out(ref: DossierRef, item: ItemRef, action, *, changes, restriction_reason, by):
    file = registry.get(ref.file_label)
    try:
        if action == ChangeAction.RECTIFY:
            file.rectify(ref, item, changes, by=by)
        elif action == ChangeAction.ERASE:
            file.erase(ref, item, by=by)
        else:
            file.restrict(ref, item, reason=restriction_reason, by=by)
    except LookupError as missing:
        raise ValidationError({"item": _("This item cannot be changed here.")}) from missing
    except ValidationError as invalid:
        if hasattr(invalid, "error_dict"):
            raise ValidationError(
                {f"changes.{name}": errors for name, errors in invalid.error_dict.items()}
            ) from invalid
        raise


@transaction.atomic
def change_item(
    subject_request,
    *,
    by,
    file_label: str,
    dossier_key: str,
    item: ItemRef | None,
    action: str,
    reason: str,
    changes: dict | None = None,
    restriction_reason: str = "",
) -> ItemChange:
    """Rectify (`changes`: field -> corrected value), erase or restrict (`restriction_reason`)
    one item, then notify every recipient in the records. The recipients are read before the
    change: an erased item may be the record of one."""
    if action not in ChangeAction.values:
        raise ValidationError({"action": _("Choose rectification, erasure or restriction.")})
    check_step(subject_request, by=by, kind=ASKED[action])
    ref = confirmed_ref(subject_request, file_label, dossier_key)
    errors = {}
    if item is None:
        errors["item"] = _("Choose an item of the dossier.")
    if reason not in RectificationReason.values:
        errors["reason"] = _(
            "Choose why the data are changed: wrong, incomplete or irrelevant, or processed "
            "against the law."
        )
    if action == ChangeAction.RECTIFY and not changes:
        errors["changes"] = _("Give the corrected values.")
    if action == ChangeAction.RESTRICT and not restriction_reason.strip():
        errors["restriction_reason"] = _("Give the reason for the restriction.")
    if errors:
        raise ValidationError(errors)
    recipients = registry.get(ref.file_label).recipients(ref)
    _carry_out(
        ref,
        item,
        action,
        changes=changes or {},
        restriction_reason=restriction_reason.strip(),
        by=by,
    )
    change = ItemChange.objects.create(
        request=subject_request,
        file_label=ref.file_label,
        dossier_key=ref.key,
        item_model=item.model,
        item_pk=item.pk,
        action=action,
        reason=reason,
        fields=sorted(changes or {}) if action == ChangeAction.RECTIFY else [],
        changed_by=by,
    )
    for recipient in recipients:
        _notify(change, recipient, by=by)
    return change


def _notify(change: ItemChange, recipient, *, by) -> Notice:
    """The notice to one recipient: what was done to which kind of item of which dossier,
    and which fields; no values (the recipient may not have received them all)."""
    with translation.override("nl"):
        context = {
            "subject_request": change.request,
            "addressee": recipient.party,
            "address": "",
            "today": timezone.localdate(),
            "change": change,
            "action": ChangeAction(change.action).label,
            "kind": item_kind(change.item_model),
            "fields": field_labels(change.item_model, change.fields),
            "reason": RectificationReason(change.reason).label,
            "recipient": recipient,
        }
    pdf = render_pdf("rights/letters/notice.html", context)
    letter = Letter.objects.create(
        kind=LetterKind.NOTICE,
        request=change.request,
        file_label=change.file_label,
        dossier_key=change.dossier_key,
        pdf=pdf,
        made_by=by,
    )
    return Notice.objects.create(
        change=change,
        recipient_kind=recipient.kind,
        party=recipient.party,
        what=str(recipient.what)[:500],
        received_on=recipient.on,
        letter=letter,
    )


@transaction.atomic
def record_notice_sent(notice: Notice, *, by, sent_on: date, means: str) -> Notice:
    """CTER 12.6: the notice went out: when, how, by whom (on its letter too)."""
    check_step(notice.change.request, by=by)
    errors = {}
    if means not in SendingMeans.values:
        errors["means"] = _("Choose how the notice was sent.")
    if sent_on is None or sent_on > timezone.localdate():
        errors["sent_on"] = _("Give the date it was sent, not a date to come.")
    if errors:
        raise ValidationError(errors)
    notice.sent_on, notice.sent_means, notice.sent_by = sent_on, means, by
    notice.save(update_fields=["sent_on", "sent_means", "sent_by"])
    if notice.letter is not None:
        letter = notice.letter
        letter.sent_on, letter.sent_means, letter.sent_by = sent_on, means, by
        letter.save(update_fields=["sent_on", "sent_means", "sent_by"])
    return notice


def is_late(change: ItemChange) -> bool:
    """R6: carried out after the request's term (it is carried out all the same)."""
    return timezone.localdate(change.changed_at) > change.request.deadline
