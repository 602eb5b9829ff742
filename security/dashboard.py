"""Dashboard panels of oversight (U1): registered with `parties.dashboard` in `apps.ready`."""

from django.utils import timezone

from parties.constants import Function
from parties.dashboard import Panel
from security.permissions import OVERSIGHT_FUNCTIONS
from security.services.incident_panel import incident_panel

# --- authorisation reviews (P4) and the policy evaluation (S5) ---


def reviews_panel(user) -> dict | None:
    """P4, S5: overdue and open authorisation reviews, suspended accounts, and the policy
    evaluation's stage per overseen Veiligheidshuis. None when nothing of it is the user's."""
    from security.permissions import may_oversee, may_see_review, may_see_suspensions
    from security.services import policy, suspensions
    from security.services.authorisation_reviews import filter_state, visible_reviews

    if not (may_see_review(user) or may_oversee(user)):
        return None
    today = timezone.localdate()
    seen = visible_reviews(user)
    states = [state for state in policy.states_for(user, today) if state.stage]
    return {
        "overdue": filter_state(seen, "overdue", today).count(),
        "open": filter_state(seen, "open", today).count(),
        "suspended": (
            suspensions.open_suspensions().count() if may_see_suspensions(user) else None
        ),
        "policy": states,
    }


def access_log_panel(user) -> dict | None:
    """S2: the reviews of the access log that are due and the unusual reads of the last days,
    for the FG and the uitvoerder of the Veiligheidshuis (None for anyone else)."""
    from django.conf import settings

    from security.permissions import overseen_regions
    from security.selectors.access_log import recent_anomaly_count
    from security.services.access_review import due_reviews

    regions = list(overseen_regions(user))
    if not regions:
        return None
    return {
        "due": due_reviews(regions),
        "anomalies": recent_anomaly_count(user),
        "days": settings.ANOMALY_DASHBOARD_DAYS,
    }


PANELS: list[Panel] = [
    Panel(
        functions=frozenset({Function.BEHEERDER, Function.FG, Function.UITVOERDER}),
        template="security/reviews/dashboard_panel.html",
        context=reviews_panel,
    ),
    # S3: the 72-hour clocks and the new reports, for the FG and the uitvoerder.
    Panel(
        functions=OVERSIGHT_FUNCTIONS,
        template="security/incidents/dashboard_panel.html",
        context=incident_panel,
    ),
    # S2: access-log reviews due and the unusual reads of the last days.
    Panel(
        functions=OVERSIGHT_FUNCTIONS,
        template="security/access_log/dashboard_panel.html",
        context=access_log_panel,
    ),
]
