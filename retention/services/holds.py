"""Holds (VH 20.2, B6): a dossier kept longer than its term, with recorded reasons: recorded
and ended early by a keeper of its file; which are in force, and ending those whose date passed,
for the sweep."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import acting_for
from retention.models import Hold
from retention.permissions import may_keep_dossier
from subjects import registry
from subjects.registry import DossierRef


def _exists(ref: DossierRef) -> bool:
    try:
        return registry.get(ref.file_label).state(ref) is not None
    except KeyError:  # no such file
        return False


@transaction.atomic
def record_hold(ref: DossierRef, *, reasons: str, controller_decision: str, until: date, by):
    """VH 20.2, B6: keep a dossier beyond its term, with the reasons and the controller's
    decision, until a date in the future. Only a keeper of the dossier's file; the hold is in
    its audit trail (auditlog is registered on Hold)."""
    if not _exists(ref):
        raise ValidationError(_("There is no such dossier (any more)."))
    if by is None or not may_keep_dossier(by, ref):
        raise PermissionDenied
    errors = {}
    if not (reasons or "").strip():
        errors["reasons"] = _("Give the reasons for keeping the dossier longer.")
    if not (controller_decision or "").strip():
        errors["controller_decision"] = _("Record the decision of the controller.")
    if until is None:
        errors["until"] = _("Give the date until which the dossier is kept.")
    elif until <= timezone.localdate():
        errors["until"] = _("The end date of a hold lies in the future.")
    if errors:
        raise ValidationError(errors)
    hold = Hold(
        file_label=ref.file_label,
        dossier_key=ref.key,
        reasons=reasons.strip(),
        controller_decision=controller_decision.strip(),
        until=until,
        recorded_by=by,
    )
    hold.full_clean()  # the free-text guard of the fields (no forbidden categories)
    with acting_for(by):
        hold.save()
    return hold


@transaction.atomic
def end_hold(hold, *, by):
    """End a hold before its date (B6): by a keeper of the dossier's file, logged. The sweep
    then treats the dossier by its terms again."""
    hold = Hold.objects.select_for_update().get(pk=hold.pk)
    if by is None or not may_keep_dossier(by, DossierRef(hold.file_label, hold.dossier_key)):
        raise PermissionDenied
    if hold.ended_at is not None:
        raise ValidationError(_("This hold has ended already."))
    hold.ended_at = timezone.now()
    hold.ended_by = by
    with acting_for(by):
        hold.save(update_fields=["ended_at", "ended_by"])
    return hold


def in_force(*, as_of: date):
    return Hold.objects.filter(ended_at__isnull=True, until__gte=as_of)


def held_dossiers(*, as_of: date) -> set[tuple[str, str]]:
    """(file_label, dossier_key) of every dossier with a hold in force on `as_of`."""
    return set(in_force(as_of=as_of).values_list("file_label", "dossier_key"))


@transaction.atomic
def end_lapsed_holds(*, as_of: date) -> int:
    """End every hold whose date passed before `as_of`: by the system (ended_by None), each end
    in the hold's audit trail (B6)."""
    lapsed = Hold.objects.select_for_update(skip_locked=True).filter(
        ended_at__isnull=True, until__lt=as_of
    )
    ended = 0
    with acting_for(None):
        for hold in lapsed:
            hold.ended_at = timezone.now()
            hold.save(update_fields=["ended_at"])
            ended += 1
    return ended
