"""The periodic review of granted authorisations (P4, CTER 15.1f).

- `create_due_reviews` (beat, daily): one review per active party for the period that has
  started, idempotent; periods are calendar-aligned blocks of AUTHORISATION_REVIEW_MONTHS
  months (3: the quarters), due AUTHORISATION_REVIEW_DUE_DAYS days after the period starts.
- `review_rows`: what the reviewer looks at: the party's users with their functions, live file
  authorisations, last sign-in and number of reads (access entries of the audit trail by that
  user) in the previous period.
- `sign_off`: the reviewer's keep/revoke for every item at once, carried out through the
  parties services in one transaction (each of those writes its AuthorisationChange).
- `send_overdue_alarms` (beat, daily): a review past its due date and not signed off is
  reported to the reviewers once.
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.links import link_to
from parties import services as parties
from parties.constants import WORKING_FUNCTIONS
from parties.models import ApiToken, FileAuthorisation, FunctionGrant, Party, User
from security import periods
from security.models import (
    AuditEntry,
    AuthorisationReview,
    ReviewDecision,
    ReviewItem,
    ReviewItemKind,
)
from security.periods import Period
from security.permissions import (
    may_review,
    may_see_review,
    overseen_region_ids,
    reviewers,
)

# --- periods ----------------------------------------------------------------------------------


def period_of(day: date) -> Period:
    """The review period `day` falls in: AUTHORISATION_REVIEW_MONTHS months long (3: the
    quarters)."""
    return periods.period_of(day, settings.AUTHORISATION_REVIEW_MONTHS)


def reads_window(review: AuthorisationReview) -> tuple[date, date]:
    """The reads shown are those of the full period before the review's own (first day
    included, last day included)."""
    start = review.period_start - relativedelta(months=settings.AUTHORISATION_REVIEW_MONTHS)
    return start, review.period_start - relativedelta(days=1)


def state_of(review: AuthorisationReview, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if review.is_signed_off:
        return "signed_off"
    return "overdue" if review.due_on < today else "open"


def filter_state(reviews, state: str, today: date | None = None):
    today = today or timezone.localdate()
    if state == "signed_off":
        return reviews.filter(signed_off_at__isnull=False)
    if state == "overdue":
        return reviews.filter(signed_off_at__isnull=True, due_on__lt=today)
    if state == "open":
        return reviews.filter(signed_off_at__isnull=True, due_on__gte=today)
    return reviews


def visible_reviews(user):
    """The reviews `user` sees: all for the reviewer, those of the parties of the overseen
    Veiligheidshuizen for an overseer (`may_see_review`)."""
    found = AuthorisationReview.objects.select_related("party", "signed_off_by")
    if may_review(user):
        return found
    if not may_see_review(user):
        return found.none()
    regions = sorted(overseen_region_ids(user))
    parties = Party.veiligheidshuizen.through.objects.filter(veiligheidshuis__in=regions)
    return found.filter(party__in=parties.values("party"))


def create_due_reviews(as_of: date | None = None) -> list[AuthorisationReview]:
    """P4: the review of the current period for every party active today; a party that has one
    gets none. Decides from the database, so a run after downtime catches up and a second run
    creates nothing."""
    today = as_of or timezone.localdate()
    start, end = period_of(today)
    due_on = start + relativedelta(days=settings.AUTHORISATION_REVIEW_DUE_DAYS)
    created = []
    for party in Party.objects.active_on(today).order_by("pk"):
        review, is_new = AuthorisationReview.objects.get_or_create(
            party=party,
            period_start=start,
            defaults={"period_end": end, "due_on": due_on},
        )
        if is_new:
            created.append(review)
    return created


# --- what the reviewer sees -------------------------------------------------------------------


@dataclass
class UserRow:
    user: User
    functions: list[FunctionGrant] = field(default_factory=list)
    authorisations: list[FileAuthorisation] = field(default_factory=list)
    reads: int = 0
    is_service_account: bool = False

    @property
    def last_login(self):
        return self.user.last_login


def function_key(grant: FunctionGrant) -> str:
    return f"f{grant.pk}"


def authorisation_key(authorisation: FileAuthorisation) -> str:
    return f"a{authorisation.pk}"


def _reviewed_users(party: Party, today: date):
    return (
        User.objects.filter(membership__party=party)
        .filter(Q(membership__ended_on__isnull=True) | Q(membership__ended_on__gt=today))
        .select_related("membership")
        .order_by("last_name", "first_name", "pk")
    )


def review_rows(review: AuthorisationReview) -> list[UserRow]:
    """The party's users, each with the functions and live file authorisations under review,
    the last sign-in and the number of reads in the previous period."""
    today = timezone.localdate()
    users = list(_reviewed_users(review.party, today))
    rows = {user.pk: UserRow(user=user) for user in users}
    grants = FunctionGrant.objects.filter(membership__user__in=users).order_by("function")
    for grant in grants.select_related("membership"):
        rows[grant.membership.user_id].functions.append(grant)
    live = FileAuthorisation.objects.live().filter(user__in=users).select_related("file")
    for authorisation in live.order_by("file__name", "pk"):
        rows[authorisation.user_id].authorisations.append(authorisation)
    start, end = reads_window(review)
    reads = (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ACCESS,
            actor__in=users,
            timestamp__date__gte=start,
            timestamp__date__lte=end,
        )
        .values("actor")
        .annotate(count=Count("pk"))
    )
    for entry in reads:
        rows[entry["actor"]].reads = entry["count"]
    # The accounts of API tokens (`parties.services.is_service_account`), in one query.
    service_accounts = set(
        ApiToken.objects.filter(account__in=users).values_list("account", flat=True)
    )
    for row in rows.values():
        row.is_service_account = row.user.pk in service_accounts
    return list(rows.values())


def item_keys(rows: list[UserRow]) -> list[str]:
    keys = []
    for row in rows:
        keys += [function_key(grant) for grant in row.functions]
        keys += [authorisation_key(authorisation) for authorisation in row.authorisations]
    return keys


# --- sign-off ---------------------------------------------------------------------------------


def _check(rows, decisions, by) -> dict[str, str]:
    """The errors of a set of decisions, by item key: every item decided, a reason for every
    revocation, nothing of one's own revoked, and no kept authorisation that a revoked function
    would end behind the reviewer's back."""
    errors: dict[str, str] = {}
    for row in rows:
        function_keys = {function_key(grant): grant.function for grant in row.functions}
        file_keys = [authorisation_key(a) for a in row.authorisations]
        for key in [*function_keys, *file_keys]:
            decision, reason = decisions.get(key, ("", ""))
            if decision not in ReviewDecision.values:
                errors[key] = _("Choose keep or revoke.")
            elif decision == ReviewDecision.REVOKE and not reason.strip():
                errors[key] = _("Give the reason for revoking.")
            elif decision == ReviewDecision.REVOKE and row.user.pk == by.pk:
                errors[key] = _("You cannot revoke your own rights; another beheerder does.")
        if errors:
            continue
        kept_functions = {
            code for key, code in function_keys.items() if decisions[key][0] == ReviewDecision.KEEP
        }
        kept_files = [key for key in file_keys if decisions[key][0] == ReviewDecision.KEEP]
        if kept_files and not kept_functions & WORKING_FUNCTIONS:
            for key in kept_files:
                errors[key] = _(
                    "Without a function that works in files this authorisation ends: revoke it "
                    "too, or keep such a function."
                )
    return errors


@transaction.atomic
def sign_off(
    review: AuthorisationReview,
    *,
    decisions: dict[str, tuple[str, str]],
    remarks: str,
    by: User,
) -> AuthorisationReview:
    """P4: record the reviewer's decision on every function and file authorisation of the
    party's users and carry out the revocations, all or nothing. `decisions` maps each item key
    (`function_key`, `authorisation_key`) to (keep/revoke, reason)."""
    if not may_review(by):
        raise PermissionDenied
    review = AuthorisationReview.objects.select_for_update().get(pk=review.pk)
    if review.is_signed_off:
        raise ValidationError(_("This review has already been signed off."))
    rows = review_rows(review)
    if set(decisions) != set(item_keys(rows)):
        raise ValidationError(
            _("The authorisations of this party changed while you reviewed them; look again.")
        )
    errors = _check(rows, decisions, by)
    if errors:
        raise ValidationError(errors)
    for row in rows:
        _carry_out(review, row, decisions, by)
    review.signed_off_by, review.signed_off_at = by, timezone.now()
    review.remarks = remarks.strip()
    review.save(update_fields=["signed_off_by", "signed_off_at", "remarks"])
    return review


def _carry_out(review, row: UserRow, decisions, by) -> None:
    """One user's items: file authorisations first (a function change may end them), then the
    functions: all revoked ends the membership, some revoked changes them."""
    prefix = _("Authorisation review")
    for authorisation in row.authorisations:
        decision, reason = decisions[authorisation_key(authorisation)]
        if decision == ReviewDecision.REVOKE:
            parties.revoke_file_access(authorisation, by=by, reason=f"{prefix}: {reason}")
        _item(review, row, ReviewItemKind.FILE, decision, reason, authorisation=authorisation)
    revoked, reasons = [], []
    for grant in row.functions:
        decision, reason = decisions[function_key(grant)]
        if decision == ReviewDecision.REVOKE:
            revoked.append(grant.function)
            reasons.append(reason.strip())
        _item(review, row, ReviewItemKind.FUNCTION, decision, reason, function=grant.function)
    if not revoked:
        return
    reason = f"{prefix}: " + "; ".join(reasons)
    membership = row.user.membership
    remaining = {grant.function for grant in row.functions} - set(revoked)
    if remaining:
        parties.change_functions(membership, functions=remaining, by=by, reason=reason)
    else:
        parties.revoke_membership(membership, by=by, reason=reason)


def _item(review, row, kind, decision, reason, *, function="", authorisation=None) -> None:
    ReviewItem.objects.create(
        review=review,
        user=row.user,
        kind=kind,
        function=function,
        authorisation=authorisation,
        decision=decision,
        reason=reason.strip() if decision == ReviewDecision.REVOKE else "",
        last_login=row.user.last_login,
        reads=row.reads,
    )


# --- the overdue alarm ------------------------------------------------------------------------


def overdue(as_of: date | None = None):
    today = as_of or timezone.localdate()
    return AuthorisationReview.objects.filter(signed_off_at__isnull=True, due_on__lt=today)


def send_overdue_alarms(as_of: date | None = None) -> int:
    """P4: one mail to the reviewers per review past its due date, once (recorded on the
    review). Party names and dates only."""
    recipients = sorted({user.email for user in reviewers() if user.email})
    sent = 0
    with transaction.atomic():
        due = (
            overdue(as_of)
            .filter(overdue_alarm_sent_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("party")
        )
        for review in due:
            if not recipients:
                break  # nobody to tell yet: the next run tries again
            _mail(review, recipients)
            sent += 1
            review.overdue_alarm_sent_at = timezone.now()
            review.save(update_fields=["overdue_alarm_sent_at"])
    return sent


def _mail(review: AuthorisationReview, recipients: list[str]) -> None:
    link = link_to(reverse("security:review-detail", args=[review.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "party": review.party.name,
            "due": review.due_on.strftime("%d-%m-%Y"),
            "start": review.period_start.strftime("%d-%m-%Y"),
            "link": link,
        }
        subject = _("Authorisation review overdue: %(party)s") % values
        body = (
            _(
                "The authorisation review of %(party)s for the period from %(start)s was due on "
                "%(due)s and has not been signed off.\n\nReview it: %(link)s"
            )
            % values
        )
    send_mail(subject, body, None, recipients)
