"""Dashboard panels of oversight (U1): registered with `parties.dashboard` in `apps.ready`."""

from parties.dashboard import Panel

PANELS: list[Panel] = []
