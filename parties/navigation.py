"""The main menu (U1, U2). Its items are `Link`s: the built-in ones of the files and of the
beheerder below, and those the apps above parties (rights, retention, security, insights) and the
composition root (config.navigation: the case meetings) register with the rule that decides who
sees them, so that parties imports none of them and no rule is repeated.

The menu has three groups: "work" (the files and what is done in them, the first row), then
"oversight" (toezicht, stuurinformatie) and "admin" (beheer) in a second, smaller row, so that ten
links of equal weight do not crowd the header. The item whose pages the user is on is marked
(aria-current) and is the breadcrumb of those pages."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

GROUPS = ("work", "oversight", "admin")


@dataclass(frozen=True)
class Link:
    label: str  # a lazy translation
    url_name: str
    visible: Callable  # (user) -> bool: the app's own permission rule
    # The menu group: "work" (the files), "oversight" (toezicht, stuurinformatie), "admin".
    group: str = "work"
    # The view names (or prefixes ending in ":" or "-", like "cases:meeting-") of pages under
    # this item: the item is marked as where the user is on them, and it is their breadcrumb.
    # The link's own view is always one of them. The longest match wins ("cases:meeting-" over
    # "cases:").
    pages: tuple[str, ...] = ()
    order: int = 100  # place within its group, low first; equal ones keep registration order

    def matches(self, view_name: str) -> int:
        """How specifically this item claims the page `view_name`: the length of the longest
        pattern that matches, 0 when none does."""
        best = 0
        for pattern in (self.url_name, *self.pages):
            prefix = pattern.endswith((":", "-"))
            if view_name == pattern or (prefix and view_name.startswith(pattern)):
                best = max(best, len(pattern) + (0 if prefix else 1))
        return best


LINKS: list[Link] = []


def register_link(link: Link) -> None:
    if link not in LINKS:
        LINKS.append(link)


# --- the built-in items: the files and the beheerder's pages, with parties' own rules ---


def _may_reach(kind):
    def rule(user):
        from parties.permissions import may_reach

        return may_reach(user, kind)

    return rule


def _has(*functions):
    def rule(user):
        from parties.permissions import functions_of

        return bool(functions_of(user) & set(functions))

    return rule


def _is_beheerder(user):
    from parties.permissions import is_beheerder

    return is_beheerder(user)


def _is_external_partner(user):
    from parties.constants import PartyRole
    from parties.permissions import membership_of

    membership = membership_of(user)
    return membership is not None and membership.party.role == PartyRole.EXTERN


def _builtin_links() -> list[Link]:
    from parties.constants import FileKind, Function

    return [
        Link(
            _("Weegploeg"),
            "weegploeg:assessment-list",
            _may_reach(FileKind.WEEGPLOEG),
            pages=("weegploeg:",),
            order=10,
        ),
        Link(_("Cases"), "cases:case-list", _may_reach(FileKind.ICO), pages=("cases:",), order=20),
        Link(
            _("Disclosures"),
            "cases:disclosure-list",
            _is_external_partner,
            pages=("cases:disclosure-detail",),
            order=40,
        ),
        Link(
            _("Authorisation log"),
            "parties:authorisation-log",
            _has(Function.BEHEERDER, Function.FG),
            group="oversight",
            order=10,
        ),
        Link(
            _("Parties"),
            "parties:party-list",
            _is_beheerder,
            group="admin",
            pages=("parties:party-", "parties:declaration-", "parties:token-"),
            order=10,
        ),
        Link(
            _("Users"),
            "parties:user-list",
            _is_beheerder,
            group="admin",
            pages=("parties:user-", "parties:membership-", "parties:functions-"),
            order=20,
        ),
        Link(
            _("File authorisations"),
            "parties:file-access-users",
            _has(Function.BEHEERDER, Function.UITVOERDER),
            group="admin",
            pages=("parties:file-access",),
            order=30,
        ),
        Link(
            _("Referentiekader"),
            "weegploeg:framework-list",
            _is_beheerder,
            group="admin",
            pages=("weegploeg:framework-",),
            order=40,
        ),
        Link(_("Django administration"), "admin:index", _is_beheerder, group="admin", order=90),
    ]


BUILTIN: list[Link] = []


def links_for(user) -> list[Link]:
    """Every menu item the user sees, built-in and registered, in menu order."""
    if not BUILTIN:
        BUILTIN.extend(_builtin_links())
    shown = [link for link in (*BUILTIN, *LINKS) if link.visible(user)]
    return sorted(shown, key=lambda link: (GROUPS.index(link.group), link.order))


@dataclass
class Menu:
    """The menu of one page: the items per group, the one the page is under, and the
    breadcrumbs above the page."""

    groups: dict[str, list[dict]]
    current: Link | None
    top_level: bool  # the dashboard, or the current item's own page: no breadcrumbs


@lru_cache(maxsize=256)
def _url(url_name: str, prefix: str, urlconf: str) -> str:
    """A menu item's address (none takes arguments), reversed once per URL configuration and
    script prefix rather than on every page (issue 13)."""
    return reverse(url_name)


def menu_for(user, view_name: str) -> Menu:
    links = links_for(user)
    scored = [(link.matches(view_name), -index, link) for index, link in enumerate(links)]
    best = max(scored, default=(0, 0, None), key=lambda s: (s[0], s[1]))
    current = best[2] if best[0] else None
    groups: dict[str, list[dict]] = {group: [] for group in GROUPS}
    where = (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    for link in links:
        aria = ""
        if link is current:
            aria = "page" if view_name == link.url_name else "true"
        groups[link.group].append(
            {"label": link.label, "url": _url(link.url_name, *where), "current": aria, "link": link}
        )
    top_level = view_name == "dashboard" or (current is not None and view_name == current.url_name)
    return Menu(groups=groups, current=current, top_level=top_level)
