"""Dashboard panels of oversight (U1): registered with `parties.dashboard` in `apps.ready`."""

from parties.dashboard import Panel
from security.permissions import OVERSIGHT_FUNCTIONS
from security.services.incident_panel import incident_panel

PANELS: list[Panel] = [
    # S3: the 72-hour clocks and the new reports, for the FG and the uitvoerder.
    Panel(
        functions=OVERSIGHT_FUNCTIONS,
        template="security/incidents/dashboard_panel.html",
        context=incident_panel,
    ),
]
