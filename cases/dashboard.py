"""The dashboard panel of the ICO files: overdue measures stand out (C3, U1)."""

from cases import selectors

SHOWN = 10


def overdue_panel(user) -> dict | None:
    """None for who sees no cases (an external partner): the panel is left out."""
    if not selectors.may_see_cases(user):
        return None
    overdue = selectors.overdue_measures_in(selectors.visible_cases(user))
    return {
        "count": overdue.count(),
        "measures": list(overdue.select_related("case", "owner").order_by("deadline")[:SHOWN]),
    }
