"""Dashboard panels of oversight (U1): registered with `parties.dashboard` in `apps.ready`.
Each gives the things due as `DueItem`s: what to do, by when, and a link straight to it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, WorkPanel, first_rows
from security.permissions import OVERSIGHT_FUNCTIONS
from security.services.incident_panel import incident_content


def _day(value) -> str:
    return formats.date_format(value, "d-m-Y")


# --- authorisation reviews (P4), suspended accounts and the policy evaluation (S5) ---


def reviews_content(user) -> PanelContent | None:
    """P4, S5: the authorisation reviews not signed off, the suspended accounts, and the policy
    evaluation due per overseen Veiligheidshuis. None when nothing of it is the user's."""
    from security.permissions import may_oversee, may_see_review, may_see_suspensions
    from security.services import policy, suspensions
    from security.services.authorisation_reviews import visible_reviews

    if not (may_see_review(user) or may_oversee(user)):
        return None
    today = timezone.localdate()
    unsigned, count = first_rows(
        visible_reviews(user).filter(signed_off_at__isnull=True).order_by("due_on", "pk")
    )
    items = [
        DueItem(
            dossier=review.party.name,
            what=gettext(
                "Review and sign off the users, functions and authorisations of %(start)s to "
                "%(end)s"
            )
            % {"start": _day(review.period_start), "end": _day(review.period_end)},
            url=reverse("security:review-detail", args=[review.pk]),
            deadline=review.due_on,
        )
        for review in unsigned
    ]
    for state in policy.states_for(user, today):
        if not state.stage:
            continue
        count += 1
        items.append(
            DueItem(
                dossier=state.veiligheidshuis.name,
                what=(
                    gettext("Evaluate the security policy and record the evaluation")
                    if state.next_on
                    else gettext("The security policy has never been evaluated: record it")
                ),
                url=reverse("security:policy-list"),
                deadline=state.next_on or today,
            )
        )
    if may_see_suspensions(user):
        suspended = suspensions.open_suspensions().count()
        if suspended:
            count += 1
            items.append(
                DueItem(
                    dossier=gettext("Accounts"),
                    what=ngettext(
                        "%(count)s account is suspended: reinstate it or leave it suspended",
                        "%(count)s accounts are suspended: reinstate them or leave them suspended",
                        suspended,
                    )
                    % {"count": suspended},
                    url=reverse("security:suspensions"),
                )
            )
    return PanelContent(items=items, count=count, more_url=reverse("security:review-list"))


def access_log_content(user) -> PanelContent | None:
    """S2: the reviews of the access log that are due and the unusual reads of the last days,
    for the FG and the uitvoerder of the Veiligheidshuis (None for anyone else)."""
    from django.conf import settings

    from security.permissions import overseen_regions
    from security.selectors.access_log import recent_anomaly_count
    from security.services.access_review import due_reviews

    regions = list(overseen_regions(user))
    if not regions:
        return None
    items = [
        DueItem(
            dossier=row["region"].name,
            what=gettext("Review the access log of %(start)s to %(end)s and sign it off")
            % {"start": _day(row["period"].start), "end": _day(row["period"].end)},
            url=reverse("security:access-reviews"),
            # due from the day after the period ended
            deadline=row["period"].end + timedelta(days=1),
        )
        for row in due_reviews(regions)
    ]
    anomalies = recent_anomaly_count(user)
    if anomalies:
        days = settings.ANOMALY_DASHBOARD_DAYS
        items.append(
            DueItem(
                dossier=gettext("Access log"),
                what=ngettext(
                    "%(count)s unusual read in the last %(days)s days: look whether it was needed",
                    "%(count)s unusual reads in the last %(days)s days: look whether they were "
                    "needed",
                    anomalies,
                )
                % {"count": anomalies, "days": days},
                url=reverse("security:access-log"),
            )
        )
    return PanelContent(items=items, more_url=reverse("security:access-reviews"))


PANELS: list[WorkPanel] = [
    # S3: the 72-hour clocks and the new reports, for the FG and the uitvoerder; the alarm
    # stands above the list (its own template).
    WorkPanel(
        key="incidents",
        title=_("Incidents and data breaches"),
        functions=OVERSIGHT_FUNCTIONS,
        content=incident_content,
        empty=_("No incident is waiting for an assessment or a notification."),
        order=500,
        template="security/panels/incidents.html",
    ),
    # P4, S5: authorisation reviews, suspended accounts, the policy evaluation.
    WorkPanel(
        key="reviews-due",
        title=_("Reviews and evaluations"),
        functions=frozenset({Function.BEHEERDER, Function.FG, Function.UITVOERDER}),
        content=reviews_content,
        empty=_("No review or evaluation is due."),
        order=510,
    ),
    # S2: access-log reviews due and the unusual reads of the last days.
    WorkPanel(
        key="access-log",
        title=_("Access log"),
        functions=OVERSIGHT_FUNCTIONS,
        content=access_log_content,
        empty=_("No review of the access log is due and no unusual read was found."),
        order=520,
    ),
]
