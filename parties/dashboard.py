"""The dashboard is the work queue (U1): each file app and cross-file app registers the panels of
what is due in it, for the functions that act on it, and the quick actions it offers. parties is
the bottom layer and imports none of them; the apps register here in their `ready`.

A `WorkPanel` gives `DueItem`s: the dossier (by number, never a name), the thing due, its
deadline and a link straight to it. The dashboard shows them oldest deadline first; an empty
panel says so in one line. A panel that needs more than a list (the breach clock's alarm) names
its own template, which gets the same `PanelContent`."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Subquery, Window
from django.utils import timezone


@dataclass(frozen=True)
class DueItem:
    dossier: str  # the dossier's or record's number (ICO-2026-0001, INC-2026-0003); no name
    what: str  # the thing due, in words: which measure, which check, which decision
    url: str  # straight to where it is done
    deadline: datetime.date | None = None  # None: no deadline, listed after those with one
    detail: str = ""  # optional second line: the casusoverleg, the party that owns it
    urgent: bool = False  # shown as an alarm whatever the deadline (a stopped 72-hour clock)
    # The row whose personal data the line shows (a measure's description), if any: the
    # dashboard logs it as a read of its dossier (S2), like any list that shows such data.
    shows: object = None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()

    @property
    def due_today(self) -> bool:
        return self.deadline is not None and self.deadline == timezone.localdate()

    def sort_key(self):
        return (not self.urgent, self.deadline is None, self.deadline or datetime.date.max)


@dataclass
class PanelContent:
    items: list[DueItem]  # at most `SHOWN`, oldest deadline first (the dashboard sorts again)
    count: int | None = None  # all that are due, when more than shown; None: len(items)
    more_url: str = ""  # the list with all of them
    extra: dict = field(default_factory=dict)  # what a panel's own template needs besides

    @property
    def total(self) -> int:
        return len(self.items) if self.count is None else self.count


SHOWN = 8


def first_rows(
    queryset, limit: int = SHOWN, *, keys=None, counted_apart: bool = False
) -> tuple[list, int]:
    """The first `limit` rows of an ordered queryset and how many rows it has in all, in one
    query (issue 13): the count is a window over the whole set, which the database computes
    before the limit. Not for a DISTINCT queryset (the window would count the duplicates).

    `counted_apart`: the count is a subquery of its own over the set's keys, which the database
    runs once before the rows, so the first `limit` rows come in order from an index that gives
    the set's order and only they are read whole. Still one query. For a set with such an index
    (the check queue, `assessment_check_queue`): with the window, every row of the set was read
    whole before the limit (4,781 of a region, from 5,052 heap pages). Without such an index it
    reads the set twice.

    `keys`: the keys of the whole set, in its order (a union of querysets, say, which cannot be
    filtered or windowed itself): read first, without a limit, and the first `limit` rows of
    `queryset` fetched by them, in two queries. For a set that no one index gives in its order
    (the measures due: their plan walked the deadline index through 270,000 measures, or
    hashed every active case, for the chair's five)."""
    if keys is not None:
        keys = list(keys)
        shown = {row.pk: row for row in queryset.filter(pk__in=keys[:limit])}
        return [shown[key] for key in keys[:limit] if key in shown], len(keys)
    total = Window(Count("pk"))
    if counted_apart:
        keys_only = queryset.order_by().annotate(panel_total=total).values("panel_total")
        total = Subquery(keys_only[:1])
    rows = list(queryset.annotate(panel_total=total)[:limit])
    return rows, (rows[0].panel_total if rows else 0)


@dataclass(frozen=True)
class WorkPanel:
    key: str  # stable id: the section's id in the page and in tests ("measures-due")
    title: str  # a lazy translation
    functions: frozenset[str]  # shown to users holding one of these functions
    content: Callable  # (user) -> PanelContent, or None when the panel does not concern the user
    empty: str  # a lazy translation: the one line shown when nothing is due
    order: int = 100  # place on the dashboard, low first
    template: str = "parties/panels/due_items.html"


@dataclass(frozen=True)
class QuickAction:
    """A button at the top of the dashboard (politie and OM: "Signaal invoeren")."""

    label: str  # a lazy translation
    url_name: str
    visible: Callable  # (user) -> bool: the app's own permission rule
    order: int = 100


PANELS: list[WorkPanel] = []
ACTIONS: list[QuickAction] = []


def register_panel(panel: WorkPanel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def register_action(action: QuickAction) -> None:
    if action not in ACTIONS:
        ACTIONS.append(action)


def panels_of(functions: set[str]) -> list[WorkPanel]:
    """The panels of the user's functions, in order, without reading anything: whether one
    concerns the user is known once its content is read (ADR 0022)."""
    return [
        panel
        for panel in sorted(PANELS, key=lambda p: (p.order, p.key))
        if panel.functions & functions
    ]


def panel_of(key: str, functions: set[str]) -> WorkPanel | None:
    """The panel with this key if it is one of the user's functions' panels."""
    return next((panel for panel in panels_of(functions) if panel.key == key), None)


def filled(panel: WorkPanel, user) -> dict | None:
    """The panel with its content, items sorted oldest deadline first; None when the panel does
    not concern the user."""
    content = panel.content(user)
    if content is None:
        return None
    content.items = sorted(content.items, key=DueItem.sort_key)
    return {"panel": panel, "content": content, "template": panel.template}


def panels_for(user, functions: set[str]) -> list[dict]:
    """The panels for the user's functions that concern the user, in order, each with its items
    sorted oldest deadline first (the dashboard rendered at once, without JavaScript)."""
    return [entry for panel in panels_of(functions) if (entry := filled(panel, user))]


def shows(panels: list[dict]) -> list:
    """The rows whose personal data the panels' lines show: reads of their dossiers (S2)."""
    return [
        item.shows
        for entry in panels
        for item in getattr(entry.get("content"), "items", ())
        if item.shows is not None
    ]


def actions_for(user) -> list[QuickAction]:
    return sorted((a for a in ACTIONS if a.visible(user)), key=lambda a: (a.order, a.url_name))
