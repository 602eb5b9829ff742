"""Menu items whose rule lives in a file app that parties may not import: registered here, in the
composition root, which knows every app (imported by config.urls, before any page is served)."""

from django.utils.translation import gettext_lazy as _

from cases.selectors.meetings import may_see_meetings
from elsewhere.peers.selectors import may_manage_peers
from parties.navigation import Link, register_link

# The case meetings, for who chairs or keeps a casusoverleg or sees a meeting (ADR 0011); the
# pages answer 404 to anyone else, so the menu does not offer them.
MEETINGS = Link(
    _("Meetings"), "cases:meeting-list", may_see_meetings, pages=("cases:meeting-",), order=30
)

# K2: the other installations "bekend elders?" asks and answers, for the beheerder.
PEERS = Link(
    _("Peer installations"),
    "peers:list",
    may_manage_peers,
    group="admin",
    pages=("peers:",),
    order=50,
)


def register() -> None:
    register_link(MEETINGS)
    register_link(PEERS)
