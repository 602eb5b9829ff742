"""The incident and data-breach register (S3, CTER 15.1g, AVG 33 and 34): who may report, who
sees the register, and every change to an entry. Each rule is here once; pages, tasks and the
demo call these functions, and a refusal is a `ValidationError` per field that the page shows on
its form (which keeps the input).

- Anyone who may act may report; the report is the incident's first entry, in the reporter's
  Veiligheidshuis, and the overseers are told at once (mail and dashboard).
- Only the overseers of the incident's Veiligheidshuis (`security.permissions`: the FG and the
  uitvoerder) see and change the register; for anyone else it does not exist.
- A decision on notifying the AP or telling the people concerned needs its reasons, either way.
- A notification recorded after the deadline needs the reasons for the delay (AVG 33.1).
- An entry is closed once it is assessed and its clock has stopped."""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.models import DataFile, Veiligheidshuis
from parties.permissions import may_act, membership_of
from security.models.incidents import ApDecision, Incident, IncidentKind, SubjectsDecision
from security.permissions import may_oversee, overseen_regions
from security.services import breach_clock

logger = logging.getLogger(__name__)

# Fields the assessment form may change (the notification and the closing have their own).
ASSESSMENT_FIELDS = (
    "what_happened",
    "discovered_at",
    "affected",
    "kind",
    "occurred",
    "nature",
    "data_kinds",
    "special_categories",
    "criminal_data",
    "people_count",
    "people_estimated",
    "records_count",
    "records_estimated",
    "measures_before",
    "measures_after",
    "consequences",
    "cross_border",
    "contact",
    "ap_decision",
    "ap_reasons",
    "subjects_decision",
    "subjects_reasons",
    "subjects_informed_on",
    "follow_up",
)
# A clock a minute ahead of the server's is no discovery in the future.
CLOCK_TOLERANCE = timedelta(minutes=5)


# --- who --------------------------------------------------------------------------------------


def may_report(user) -> bool:
    """Anyone signed in who may act today, whatever their function."""
    return membership_of(user) is not None and may_act(user)


def report_regions(user) -> QuerySet:
    """The Veiligheidshuizen a report of `user` can be about: those of the user's party."""
    membership = membership_of(user)
    if membership is None:
        return Veiligheidshuis.objects.none()
    return membership.party.veiligheidshuizen.all()


def may_see_register(user) -> bool:
    return may_oversee(user)


def visible_incidents(user) -> QuerySet:
    """The register as `user` sees it: the incidents of the Veiligheidshuizen they oversee."""
    return Incident.objects.filter(veiligheidshuis__in=overseen_regions(user))


def region_files(incident: Incident) -> QuerySet:
    """The files and casusoverleggen an incident can name: those of its Veiligheidshuis."""
    return DataFile.objects.filter(veiligheidshuis=incident.veiligheidshuis)


# --- the rules --------------------------------------------------------------------------------


def late_notification_error(
    discovered_at: datetime, notified_at: datetime | None, late_reasons: str
) -> ValidationError | None:
    """AVG 33.1: a notification after the 72 hours is accompanied by the reasons for the delay."""
    if notified_at is None or notified_at <= discovered_at + breach_clock.CLOCK:
        return None
    if late_reasons.strip():
        return None
    return ValidationError(
        {
            "late_reasons": _(
                "The notification was made more than 72 hours after the discovery: give the "
                "reasons for the delay (AVG 33.1)."
            )
        },
        code="late_without_reasons",
    )


def _decision_errors(incident: Incident) -> dict:
    errors = {}
    if incident.ap_decision and not incident.ap_reasons.strip():
        errors["ap_reasons"] = _("Give the reasons for the decision on notifying the AP.")
    if incident.subjects_decision and not incident.subjects_reasons.strip():
        errors["subjects_reasons"] = _(
            "Give the reasons for the decision on telling the people concerned."
        )
    if incident.ap_decision == ApDecision.NOT_NOTIFY and incident.notified_at is not None:
        errors["ap_decision"] = _(
            "A notification to the AP has already been recorded for this incident."
        )
    if incident.subjects_informed_on and incident.subjects_decision != SubjectsDecision.INFORM:
        errors["subjects_informed_on"] = _(
            "A date the people were told goes with the decision that they must be told."
        )
    return errors


def _not_in_future(moment: datetime | None, field: str) -> None:
    if moment is not None and moment > timezone.now() + CLOCK_TOLERANCE:
        raise ValidationError({field: _("This moment lies in the future.")}, code="future")


def _refuse_closed(incident: Incident) -> None:
    if incident.is_closed:
        raise ValidationError(_("This incident is closed."), code="closed")


def _refuse_outsider(incident: Incident, by) -> None:
    if not may_oversee(by, incident.veiligheidshuis):
        raise PermissionDenied


def _full_clean(incident: Incident, extra: dict | None = None) -> None:
    errors = dict(extra or {})
    try:
        incident.full_clean(exclude=["number", "reported_by", "closed_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


# --- reporting --------------------------------------------------------------------------------


def _next_number(year: int) -> str:
    prefix = f"INC-{year}-"
    numbers = Incident.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(number.rsplit("-", 1)[1]) for number in numbers), default=0)
    return f"{prefix}{highest + 1:04d}"


def report_incident(
    *,
    by,
    what_happened: str,
    discovered_at: datetime,
    affected: str = "",
    veiligheidshuis: Veiligheidshuis | None = None,
) -> Incident:
    """A suspected incident, reported by anyone who may act, in the reporter's Veiligheidshuis
    (the one chosen, when the reporter's party works in several). The overseers are told at
    once; the clock runs from `discovered_at`."""
    if not may_report(by):
        raise PermissionDenied
    regions = report_regions(by)
    if veiligheidshuis is None and regions.count() == 1:
        veiligheidshuis = regions.get()
    if veiligheidshuis is None or not regions.filter(pk=veiligheidshuis.pk).exists():
        raise ValidationError(
            {"veiligheidshuis": _("Choose the Veiligheidshuis the incident concerns.")}
        )
    _not_in_future(discovered_at, "discovered_at")
    incident = Incident(
        veiligheidshuis=veiligheidshuis,
        reported_by=by,
        what_happened=what_happened,
        discovered_at=discovered_at,
        affected=affected,
    )
    _full_clean(incident)
    for _attempt in range(5):
        incident.number = _next_number(timezone.localdate().year)
        try:
            with transaction.atomic():
                incident.save()
            break
        except IntegrityError:  # another report took the number at the same moment
            incident.pk = None
    else:
        raise IntegrityError("no free incident number")
    _tell_overseers(incident)
    return incident


def _tell_overseers(incident: Incident) -> None:
    """The report stands whether or not the mail goes out: the dashboard shows it as well."""
    from security.services.incident_mail import tell_overseers_of_report

    try:
        tell_overseers_of_report(incident)
    except OSError:
        logger.exception("The mail about incident %s could not be sent", incident.number)


# --- the register -----------------------------------------------------------------------------


@transaction.atomic
def update_assessment(incident: Incident, *, by, files=None, **fields) -> Incident:
    """The FG's or uitvoerder's assessment and follow-up of an incident (AVG 33.5)."""
    _refuse_outsider(incident, by)
    _refuse_closed(incident)
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"not assessment fields: {sorted(unknown)}")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    for name, value in fields.items():
        setattr(incident, name, value)
    _not_in_future(incident.discovered_at, "discovered_at")
    errors = _decision_errors(incident)
    late = late_notification_error(
        incident.discovered_at, incident.notified_at, incident.late_reasons
    )
    if late is not None:
        errors["discovered_at"] = _(
            "With this discovery time the notification was late: record the reasons for the "
            "delay with the notification first."
        )
    if files is not None:
        allowed = set(region_files(incident).values_list("pk", flat=True))
        if any(data_file.pk not in allowed for data_file in files):
            errors["files"] = _("Only files of the incident's Veiligheidshuis can be named.")
    if incident.ap_decision == ApDecision.NOT_NOTIFY:
        incident.decided_at = incident.decided_at or timezone.now()
    else:
        incident.decided_at = None
    _full_clean(incident, errors)
    incident.save()
    if files is not None:
        incident.files.set(files)
    return incident


@transaction.atomic
def record_notification(
    incident: Incident, *, by, notified_at: datetime, reference: str, late_reasons: str = ""
) -> Incident:
    """The notification to the AP, with its date, time and reference; it stops the clock. The
    incident is then a data breach that had to be notified."""
    _refuse_outsider(incident, by)
    _refuse_closed(incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    errors = {}
    if incident.kind == IncidentKind.SECURITY_INCIDENT:
        raise ValidationError(
            _("This incident was assessed as no data breach: there is nothing to notify."),
            code="no_breach",
        )
    if notified_at < incident.discovered_at:
        errors["notified_at"] = _("The notification cannot precede the discovery.")
    if not reference.strip():
        errors["reference"] = _("Give the reference the AP gave the notification.")
    late = late_notification_error(incident.discovered_at, notified_at, late_reasons)
    if late is not None:
        errors.update(late.message_dict)
    if errors:
        raise ValidationError(errors)
    _not_in_future(notified_at, "notified_at")
    incident.notified_at = notified_at
    incident.notification_reference = reference.strip()
    incident.late_reasons = late_reasons
    incident.kind = IncidentKind.DATA_BREACH
    incident.ap_decision = ApDecision.NOTIFY
    incident.decided_at = None
    _full_clean(incident)
    incident.save()
    return incident


@transaction.atomic
def close_incident(incident: Incident, *, by) -> Incident:
    """Closed once assessed and, for a breach, notified or decided not to notify."""
    _refuse_outsider(incident, by)
    _refuse_closed(incident)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if not incident.is_assessed:
        raise ValidationError(_("Assess the incident before closing it."), code="not_assessed")
    if breach_clock.clock_runs(incident):
        raise ValidationError(
            _(
                "Record the notification to the AP or the decision not to notify it before "
                "closing the incident."
            ),
            code="clock_running",
        )
    incident.closed_at = timezone.now()
    incident.closed_by = by
    incident.save()
    return incident


# --- finding ----------------------------------------------------------------------------------

STATES = ("new", "running", "overdue", "open", "closed")


def search(user, *, q: str = "", kind: str = "", state: str = "", region: str = "") -> QuerySet:
    """The register's list: the incidents `user` sees, by a word in their number or text, their
    kind ("unassessed" for none yet), their state and their Veiligheidshuis."""
    found = visible_incidents(user).select_related("veiligheidshuis")
    if q:
        found = found.filter(
            Q(number__icontains=q) | Q(what_happened__icontains=q) | Q(affected__icontains=q)
        )
    if kind == "unassessed":
        found = found.filter(kind="")
    elif kind in IncidentKind.values:
        found = found.filter(kind=kind)
    if state == "new":
        found = found.filter(kind="", closed_at__isnull=True)
    elif state == "running":
        found = breach_clock.running(found).filter(closed_at__isnull=True)
    elif state == "overdue":
        found = breach_clock.running(found).filter(
            closed_at__isnull=True, discovered_at__lt=timezone.now() - breach_clock.CLOCK
        )
    elif state == "open":
        found = found.filter(closed_at__isnull=True)
    elif state == "closed":
        found = found.filter(closed_at__isnull=False)
    if region:
        found = found.filter(veiligheidshuis__code=region)
    return found
