"""The uitvoerder's dashboard panel of retention (B3, B6, O3): how many dossiers of the files
they keep fall due in the next four weeks, how many a sweep failed on (an alarm), how many are
held. Numbers only."""

from django.utils import timezone

from parties.constants import Function
from parties.dashboard import Panel
from retention.permissions import may_see_retention
from retention.selectors import due_for, failed_for, holds_for


def retention_panel(user) -> dict | None:
    """None for who keeps no file: the panel is left out."""
    if not may_see_retention(user):
        return None
    today = timezone.localdate()
    return {
        "due": len(due_for(user, as_of=today)),
        "failed": len(failed_for(user)),
        "held": len(holds_for(user, as_of=today)),
    }


PANELS = [
    Panel(
        functions=frozenset({Function.UITVOERDER}),
        template="retention/dashboard_panel.html",
        context=retention_panel,
    )
]
