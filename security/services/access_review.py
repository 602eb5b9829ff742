"""The review of the access log per period (S2, CTER 15.1e): the periods, signing one off with
its findings, and the reminder beat sends while an ended period is not signed off (O3: decided
from the database as of now, so a second run, or one after downtime, does the right thing)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.audit import acting_for
from config.links import link_to
from parties.models import Veiligheidshuis
from security import periods as periods_
from security.models import AccessReview
from security.periods import Period
from security.permissions import may_oversee, overseers_of

# Beat runs daily; an overseer hears of an unsigned period at most once a week.
REMIND_EVERY = timedelta(days=7)
# How many periods the review page lists besides those with a review.
PERIODS_LISTED = 8


def period_of(day: date, months: int | None = None) -> Period:
    """The review period `day` falls in: ACCESS_REVIEW_PERIOD_MONTHS months long."""
    return periods_.period_of(day, months or settings.ACCESS_REVIEW_PERIOD_MONTHS)


def last_ended_period(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return period_of(period_of(today).start - timedelta(days=1))


def periods(veiligheidshuis: Veiligheidshuis, *, today: date | None = None) -> list[dict]:
    """The periods of one Veiligheidshuis, newest first: the running one and the ended ones
    (the last PERIODS_LISTED, and any earlier with a review), each with its review (or None)
    and its state: "running", "due" or "signed"."""
    today = today or timezone.localdate()
    reviews = {r.period_start: r for r in veiligheidshuis.access_reviews.all()}
    listed, period = {}, period_of(today)
    for _index in range(PERIODS_LISTED):
        listed[period.start] = period
        period = period_of(period.start - timedelta(days=1))
    for review in reviews.values():
        listed.setdefault(review.period_start, Period(review.period_start, review.period_end))
    rows = []
    for start in sorted(listed, reverse=True):
        period, review = listed[start], reviews.get(start)
        if review is not None and review.is_signed_off:
            state = "signed"
        elif period.end >= today:
            state = "running"
        else:
            state = "due"
        rows.append({"period": period, "review": review, "state": state})
    return rows


def due_reviews(regions, *, today: date | None = None) -> list[dict]:
    """The ended periods not yet signed off, per Veiligheidshuis, oldest first: the last ended
    period unless signed off, and earlier ones whose review row is open (reminded of)."""
    today = today or timezone.localdate()
    last = last_ended_period(today)
    due = []
    ended = AccessReview.objects.filter(period_end__lt=today)
    regions = list(regions)
    prefetch_related_objects(
        regions, Prefetch("access_reviews", queryset=ended, to_attr="ended_reviews")
    )
    for region in regions:
        reviews = {r.period_start: r for r in region.ended_reviews}
        open_periods = {
            start: Period(r.period_start, r.period_end)
            for start, r in reviews.items()
            if not r.is_signed_off
        }
        if last.start not in reviews:
            open_periods[last.start] = last
        due += [{"region": region, "period": open_periods[s]} for s in sorted(open_periods)]
    return due


def sign_off(veiligheidshuis: Veiligheidshuis, period_start: date, *, by, findings: str):
    """Sign off the review of one ended period with its findings: once, by an overseer of the
    Veiligheidshuis. Refusals are ValidationErrors on `findings` or on the form as a whole."""
    if not may_oversee(by, veiligheidshuis):
        raise ValidationError(_("Only the overseers of this Veiligheidshuis sign off its review."))
    if not findings.strip():
        raise ValidationError({"findings": _("Write down the findings of the review.")})
    period = period_of(period_start)
    if period.start != period_start:
        raise ValidationError(_("This is not the start of a review period."))
    if period.end >= timezone.localdate():
        raise ValidationError(_("A period can be signed off once it has ended."))
    with transaction.atomic(), acting_for(by):
        review, _created = AccessReview.objects.select_for_update().get_or_create(
            veiligheidshuis=veiligheidshuis,
            period_start=period.start,
            defaults={"period_end": period.end},
        )
        if review.is_signed_off:
            raise ValidationError(_("This period has been signed off already."))
        review.findings = findings.strip()
        review.signed_off_by = by
        review.signed_off_at = timezone.now()
        review.save()
    return review


def send_review_reminders(*, now=None) -> list[AccessReview]:
    """Remind the overseers of each Veiligheidshuis whose last ended period (or an earlier one
    already reminded of) is not signed off, at most once a week per period; recorded on the
    review. Returns the reviews reminded of."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    last = last_ended_period(today)
    reminded = []
    for region in Veiligheidshuis.objects.order_by("pk"):
        AccessReview.objects.get_or_create(
            veiligheidshuis=region,
            period_start=last.start,
            defaults={"period_end": last.end},
        )
    with transaction.atomic():
        open_reviews = (
            AccessReview.objects.select_for_update(skip_locked=True)
            .filter(signed_off_at__isnull=True, period_end__lt=today)
            .select_related("veiligheidshuis")
            .order_by("period_start", "pk")
        )
        for review in open_reviews:
            # Counted in days, not to the second: a daily run must not miss the seventh day
            # because it happened to start a few seconds earlier than the last one.
            if (
                review.reminded_at is not None
                and timezone.localdate(now) - timezone.localdate(review.reminded_at) < REMIND_EVERY
            ):
                continue
            _mail_overseers(review)
            review.reminded_at = now
            review.reminders += 1
            review.save(update_fields=["reminded_at", "reminders"])
            reminded.append(review)
    return reminded


def _mail_overseers(review: AccessReview) -> int:
    recipients = sorted({user.email for user in overseers_of(review.veiligheidshuis) if user.email})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "region": review.veiligheidshuis.name,
            "start": review.period_start.strftime("%d-%m-%Y"),
            "end": review.period_end.strftime("%d-%m-%Y"),
            "link": link_to(reverse("security:access-reviews")),
        }
        subject = _("Access log: the review of %(start)s to %(end)s is due") % values
        body = (
            _(
                "The review of the access log of %(region)s over %(start)s to %(end)s has not "
                "been signed off. Review the log and sign off with your findings: %(link)s"
            )
            % values
        )
    send_mail(subject, body, None, recipients)
    return len(recipients)
