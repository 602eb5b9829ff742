"""The duty to inform (I1-I3, I5): starting it, and every change of its state, in one place.

A duty starts `to_inform`. It is informed (final), postponed on a ground of AVG 23 with the
reasons and a date to look again (CTER 11.3; a renewal is a new row, every earlier one kept),
or not required, with the reasons. Once the ground of a postponement lapses the subject is
informed, also where no measures follow (CTER 11.4): a postponed duty goes back to `to_inform`
or is informed, never "not required". The file apps call `start_duty_to_inform`; `rights`
never looks into the files itself."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, DateField, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.models import DataFile, Party
from rights.constants import OPEN_DUTY_STATES, DutyOccasion, DutyState, SendingMeans
from rights.models import DutyToInform, LegalGround, Postponement
from rights.permissions.duties import may_handle_duty
from subjects.models import FREE_TEXT
from subjects.registry import DossierRef, ItemRef

# AVG 14.3(a): within a reasonable period after obtaining the data, at the latest within a month.
INFORM_WITHIN = relativedelta(months=1)
# CTER 11.4: "zodra er geen beletselen meer zijn": once the ground lapsed, inform promptly.
INFORM_AFTER_LAPSE = timedelta(days=14)

# Every allowed change of state, written down once (STYLE 2). Informed is final.
TRANSITIONS = {
    DutyState.TO_INFORM: {DutyState.INFORMED, DutyState.POSTPONED, DutyState.NOT_REQUIRED},
    DutyState.POSTPONED: {DutyState.POSTPONED, DutyState.TO_INFORM, DutyState.INFORMED},
    DutyState.INFORMED: set(),
    DutyState.NOT_REQUIRED: set(),
}


def person_key(person: ItemRef | None) -> str:
    """How a duty names the related person it is for ("" for the subject)."""
    return f"{person.model}:{person.pk}" if person is not None else ""


def person_ref(duty: DutyToInform) -> ItemRef | None:
    """The related person a duty is for, None for the subject (I5)."""
    if not duty.person:
        return None
    model, pk = duty.person.rsplit(":", 1)
    return ItemRef(model, int(pk))


def dossier_ref(duty: DutyToInform) -> DossierRef:
    return DossierRef(duty.file_label, duty.dossier_key)


def start_duty_to_inform(
    *,
    ref: DossierRef,
    data_file: DataFile,
    occasion: DutyOccasion,
    started_on: date,
    responsible_party: Party | None = None,
    person: ItemRef | None = None,
) -> DutyToInform:
    """Record the duty; idempotent for the same occasion, person and day. `responsible_party`
    is the kernpartij that brought the signal (CTER 11.2) or None for the file's uitvoerder
    (VH 17.1); `person` names a related person's row (I5), None for the subject."""
    duty, _created = DutyToInform.objects.get_or_create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        occasion=occasion,
        person=person_key(person),
        started_on=started_on,
        defaults={
            "data_file": data_file,
            "responsible_party": responsible_party,
            "due_on": started_on + INFORM_WITHIN,
        },
    )
    return duty


# --- reading -----------------------------------------------------------------------------------


def with_review(duties: QuerySet) -> QuerySet:
    """Each postponed duty with `review_on`: the date to look again of its current
    postponement; None for a duty in another state. Looked up for the postponed duties only:
    a dashboard reads every duty of the files a user keeps (13,000 at national scale) to count
    those due, and the lookup for each took most of its time (issue 13)."""
    current = Postponement.objects.filter(duty=OuterRef("pk"), ended_on__isnull=True).order_by(
        "-recorded_at", "-pk"
    )
    review = Subquery(current.values("review_on")[:1], DateField())
    return duties.annotate(
        review_on=Case(
            When(state=DutyState.POSTPONED, then=review), default=None, output_field=DateField()
        )
    )


def _open_by(to_inform: Q, postponed: Q) -> Q:
    """A duty to inform by `to_inform`, or a postponed one by `postponed`: among the open
    duties only, said outright so that PostgreSQL reads them from their index
    (`duty_open_by_file`; issue 13) rather than every duty of the files, most of them done."""
    return Q(state__in=OPEN_DUTY_STATES) & (
        (Q(state=DutyState.TO_INFORM) & to_inform) | (Q(state=DutyState.POSTPONED) & postponed)
    )


def overdue_q(today: date) -> Q:
    """I2: a duty to inform past its due date, or a postponement past its date to look again.
    Needs `with_review`."""
    return _open_by(Q(due_on__lt=today), Q(review_on__lt=today))


def due_q(today: date, *, within: int) -> Q:
    """What is due within `within` days (overdue included): for the dashboard. Needs
    `with_review`."""
    until = today + timedelta(days=within)
    return _open_by(Q(due_on__lte=until), Q(review_on__lte=until))


def current_postponement(duty: DutyToInform) -> Postponement | None:
    return duty.postponements.filter(ended_on__isnull=True).order_by("-recorded_at", "-pk").first()


def is_overdue(duty: DutyToInform, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    if duty.state == DutyState.TO_INFORM:
        return duty.due_on < today
    if duty.state == DutyState.POSTPONED:
        current = current_postponement(duty)
        return current is not None and current.review_on < today
    return False


# --- changes -----------------------------------------------------------------------------------


def _locked(duty: DutyToInform, *, by, to: str) -> DutyToInform:
    """The duty's row, locked for this transaction, after the permission and the transition
    are checked: two handlers acting at once are served one after the other."""
    if not may_handle_duty(by, duty):
        raise PermissionDenied
    locked = DutyToInform.objects.select_for_update().get(pk=duty.pk)
    if to not in TRANSITIONS[locked.state]:
        raise ValidationError(_transition_refusal(locked.state, to))
    return locked


def _transition_refusal(state: str, to: str) -> str:
    if state == DutyState.INFORMED:
        return _("The person has been informed: that is final.")
    if state == DutyState.NOT_REQUIRED:
        return _("Informing was recorded as not required: that is final.")
    if state == DutyState.POSTPONED and to == DutyState.NOT_REQUIRED:
        return _(
            "A postponed duty ends in informing the person once the ground lapses, also "
            "where no measures follow. Record when the person was informed."
        )
    return _("This step is not possible in the present state of the duty.")


def _clean_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _end_current(duty: DutyToInform, on: date) -> None:
    duty.postponements.filter(ended_on__isnull=True).update(ended_on=on)


@transaction.atomic
def postpone(
    duty: DutyToInform,
    *,
    ground: LegalGround,
    reasons: str,
    review_on: date,
    by,
    today: date | None = None,
) -> Postponement:
    """I2 (CTER 11.3): postpone informing on a ground of AVG 23 (UAVG 41), with the reasons and
    a date to look again, in the future. On a postponed duty this is a renewal: a new row with
    new reasons; the earlier one ends and is kept."""
    today = today or timezone.localdate()
    duty = _locked(duty, by=by, to=DutyState.POSTPONED)
    errors = {}
    if ground is None or not LegalGround.objects.filter(pk=ground.pk, active=True).exists():
        errors["ground"] = _("Choose a ground that is in use.")
    reasons = (reasons or "").strip()
    previous = current_postponement(duty)
    if not reasons:
        errors["reasons"] = _("Give the reasons for the postponement.")
    elif previous is not None and previous.reasons.strip() == reasons:
        errors["reasons"] = _("A renewal needs new reasons.")
    if review_on is None or review_on <= today:
        errors["review_on"] = _("The date to look again must lie in the future.")
    if errors:
        raise ValidationError(errors)
    if previous is not None:
        _end_current(duty, today)
    postponement = Postponement(
        duty=duty, ground=ground, reasons=reasons, review_on=review_on, recorded_by=by
    )
    postponement.full_clean()
    postponement.save()
    duty.state = DutyState.POSTPONED
    duty.save(update_fields=["state"])
    return postponement


@transaction.atomic
def lift_postponement(
    duty: DutyToInform, *, lapsed_on: date, by, today: date | None = None
) -> DutyToInform:
    """I3 (CTER 11.4): the ground lapsed: the postponement ends on that day and the person is
    to be informed, within `INFORM_AFTER_LAPSE`, also where no measures follow."""
    today = today or timezone.localdate()
    duty = _locked(duty, by=by, to=DutyState.TO_INFORM)
    if lapsed_on is None or lapsed_on > today:
        raise ValidationError({"lapsed_on": _("The date cannot lie in the future.")})
    _end_current(duty, lapsed_on)
    duty.state = DutyState.TO_INFORM
    duty.due_on = max(lapsed_on, today) + INFORM_AFTER_LAPSE
    duty.save(update_fields=["state", "due_on"])
    return duty


@transaction.atomic
def record_informed(
    duty: DutyToInform, *, informed_on: date, means: str, by, today: date | None = None
) -> DutyToInform:
    """I1, I3: the person was informed on that day, by that means, recorded by `by`. Final. A
    postponed duty is informed once its ground lapsed: the postponement ends that day."""
    today = today or timezone.localdate()
    duty = _locked(duty, by=by, to=DutyState.INFORMED)
    errors = {}
    if means not in SendingMeans.values:
        errors["means"] = _("Choose how the person was informed.")
    if informed_on is None or informed_on > today:
        errors["informed_on"] = _("The date cannot lie in the future.")
    elif informed_on < duty.started_on:
        errors["informed_on"] = _("The date cannot lie before the duty started.")
    if errors:
        raise ValidationError(errors)
    _end_current(duty, informed_on)
    duty.state = DutyState.INFORMED
    duty.informed_on = informed_on
    duty.informed_means = means
    duty.informed_by = by
    duty.save(update_fields=["state", "informed_on", "informed_means", "informed_by"])
    return duty


@transaction.atomic
def record_not_required(duty: DutyToInform, *, reason: str, by) -> DutyToInform:
    """I1: informing is not required (AVG 14.5: the person has the information already, it is
    impossible or would take a disproportionate effort), with the reasons. Final."""
    duty = _locked(duty, by=by, to=DutyState.NOT_REQUIRED)
    reason = _clean_text(reason, "reason", _("Give the reasons why informing is not required."))
    try:
        for validator in FREE_TEXT:
            validator(reason)
    except ValidationError as refused:
        raise ValidationError({"reason": refused.messages}) from refused
    duty.not_required_reason = reason
    duty.state = DutyState.NOT_REQUIRED
    duty.informed_by = by
    duty.save(update_fields=["state", "not_required_reason", "informed_by"])
    return duty
