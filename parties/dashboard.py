"""Panels on the dashboard (U1): each file app registers what is due in it, for the functions
that act on it. parties is the bottom layer and imports no file app; the apps register here."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    functions: frozenset[str]
    template: str
    context: Callable  # (user) -> dict, or None to leave the panel out


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(user, functions: set[str]) -> list[dict]:
    """The panels for the user's functions whose context is not None (None: nothing of this
    panel concerns the user)."""
    panels = []
    for panel in PANELS:
        if panel.functions & functions:
            data = panel.context(user)
            if data is not None:
                panels.append({"template": panel.template, "data": data})
    return panels
