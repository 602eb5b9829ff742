"""Panels on the dashboard (U1): each file app registers what is due in it, for the functions
that act on it. parties is the bottom layer and imports no file app; the apps register here."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    functions: frozenset[str]
    template: str
    context: Callable  # (user) -> dict


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(user, functions: set[str]) -> list[dict]:
    return [
        {"template": panel.template, "data": panel.context(user)}
        for panel in PANELS
        if panel.functions & functions
    ]
