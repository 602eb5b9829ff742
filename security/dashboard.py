"""Dashboard panels of oversight (U1): registered with `parties.dashboard` in `apps.ready`."""

from parties.constants import Function
from parties.dashboard import Panel

PANELS: list[Panel] = []


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


PANELS.append(
    Panel(
        functions=frozenset({Function.FG, Function.UITVOERDER}),
        template="security/access_log/dashboard_panel.html",
        context=access_log_panel,
    )
)
