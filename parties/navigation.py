"""Links in the main menu from the apps above parties (rights): each registers its link with the
rule that decides who sees it, so that parties imports none of them and no rule is repeated."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str  # a lazy translation
    url_name: str
    visible: Callable  # (user) -> bool: the app's own permission rule
    # The menu group: "work" (the files), "oversight" (toezicht, stuurinformatie), "admin".
    group: str = "work"
    # The view names (or "namespace:" prefixes) of pages under this item: the item is marked
    # as where the user is on them, and it is their breadcrumb.
    pages: tuple[str, ...] = ()


LINKS: list[Link] = []


def register_link(link: Link) -> None:
    if link not in LINKS:
        LINKS.append(link)


def links_for(user) -> list[Link]:
    return [link for link in LINKS if link.visible(user)]
