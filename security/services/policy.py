"""The yearly evaluation of the security policy (S5, CTER 15.2): recorded per Veiligheidshuis
by an overseer, with the next date (a year later unless given). Beat reminds the overseers
POLICY_REMINDER_DAYS before the next date and again when it has passed without a new
evaluation (or when there never was one); each stage once (a PolicyReminder row)."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.links import link_to
from parties.models import User, Veiligheidshuis
from security.models import PolicyEvaluation, PolicyReminder, PolicyReminderStage
from security.permissions import may_oversee, overseen_regions, overseers_of


def next_date(evaluated_on: date) -> date:
    return evaluated_on + relativedelta(years=1)


@transaction.atomic
def record_evaluation(
    veiligheidshuis: Veiligheidshuis,
    *,
    evaluated_on: date,
    findings: str,
    measures: str,
    next_on: date | None,
    by: User,
) -> PolicyEvaluation:
    if not may_oversee(by, veiligheidshuis):
        raise PermissionDenied
    errors = {}
    if evaluated_on > timezone.localdate():
        errors["evaluated_on"] = _("The evaluation cannot lie in the future.")
    if not (findings or "").strip():
        errors["findings"] = _("Record the findings.")
    next_on = next_on or next_date(evaluated_on)
    if next_on <= evaluated_on:
        errors["next_on"] = _("The next evaluation lies after this one.")
    if errors:
        raise ValidationError(errors)
    return PolicyEvaluation.objects.create(
        veiligheidshuis=veiligheidshuis,
        evaluated_on=evaluated_on,
        evaluated_by=by,
        findings=findings.strip(),
        measures=(measures or "").strip(),
        next_on=next_on,
    )


@dataclass(frozen=True)
class PolicyState:
    veiligheidshuis: Veiligheidshuis
    latest: PolicyEvaluation | None
    stage: str | None  # None: nothing due yet

    @property
    def next_on(self) -> date | None:
        return self.latest.next_on if self.latest else None


def latest_evaluation(veiligheidshuis) -> PolicyEvaluation | None:
    return (
        PolicyEvaluation.objects.filter(veiligheidshuis=veiligheidshuis)
        .order_by("-evaluated_on", "-pk")
        .first()
    )


def state_of(veiligheidshuis, today: date | None = None, **known) -> PolicyState:
    """`known`: `latest=` the latest evaluation when it was read already (None: there is none)."""
    today = today or timezone.localdate()
    latest = known["latest"] if "latest" in known else latest_evaluation(veiligheidshuis)
    if latest is None or latest.next_on < today:
        stage = PolicyReminderStage.OVERDUE
    elif latest.next_on - timedelta(days=settings.POLICY_REMINDER_DAYS) <= today:
        stage = PolicyReminderStage.DUE_SOON
    else:
        stage = None
    return PolicyState(veiligheidshuis=veiligheidshuis, latest=latest, stage=stage)


def states_for(user, today: date | None = None) -> list[PolicyState]:
    """The state of every Veiligheidshuis `user` oversees, in two queries however many."""
    newest = PolicyEvaluation.objects.filter(veiligheidshuis=OuterRef("pk")).order_by(
        "-evaluated_on", "-pk"
    )
    regions = list(
        overseen_regions(user)
        .annotate(latest_pk=Subquery(newest.values("pk")[:1]))
        .order_by("name")
    )
    latest = PolicyEvaluation.objects.in_bulk([r.latest_pk for r in regions if r.latest_pk])
    return [state_of(r, today, latest=latest.get(r.latest_pk)) for r in regions]


def send_reminders(as_of: date | None = None) -> list[PolicyReminder]:
    """S5 (beat, daily): for every Veiligheidshuis in a stage (due soon, overdue) not yet reminded
    of for its latest evaluation, one mail to its overseers, recorded."""
    today = as_of or timezone.localdate()
    sent = []
    for region in Veiligheidshuis.objects.order_by("pk"):
        state = state_of(region, today)
        if state.stage is None:
            continue
        recipients = sorted({user.email for user in overseers_of(region) if user.email})
        if not recipients:
            continue
        try:
            with transaction.atomic():
                reminder = PolicyReminder.objects.create(
                    veiligheidshuis=region, evaluation=state.latest, stage=state.stage
                )
                _mail(state, recipients)
        except IntegrityError:
            continue  # reminded before
        sent.append(reminder)
    return sent


def _mail(state: PolicyState, recipients: list[str]) -> None:
    link = link_to(reverse("security:policy-list"))
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "region": state.veiligheidshuis.name,
            "date": state.next_on.strftime("%d-%m-%Y") if state.next_on else "",
            "link": link,
        }
        if state.stage == PolicyReminderStage.DUE_SOON:
            subject = _("Security policy evaluation due on %(date)s: %(region)s") % values
            body = (
                _(
                    "The yearly evaluation of the security policy of %(region)s is due on %(date)s."
                    "\n\nRecord it: %(link)s"
                )
                % values
            )
        elif state.latest is None:
            subject = _("Security policy never evaluated: %(region)s") % values
            body = (
                _(
                    "No evaluation of the security policy of %(region)s has been recorded; it "
                    "is to be evaluated every year.\n\nRecord it: %(link)s"
                )
                % values
            )
        else:
            subject = _("Security policy evaluation overdue: %(region)s") % values
            body = (
                _(
                    "The yearly evaluation of the security policy of %(region)s was due on "
                    "%(date)s and no new evaluation has been recorded.\n\n"
                    "Record it: %(link)s"
                )
                % values
            )
    send_mail(subject, body, None, recipients)
