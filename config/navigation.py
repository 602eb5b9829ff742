"""Menu items whose rule lives in a file app that parties may not import: registered here, in the
composition root, which knows every app (imported by config.urls, before any page is served)."""

from django.utils.translation import gettext_lazy as _

from cases.selectors.meetings import may_see_meetings
from parties.navigation import Link, register_link

# The case meetings, for who chairs or keeps a casusoverleg or sees a meeting (ADR 0011); the
# pages answer 404 to anyone else, so the menu does not offer them.
MEETINGS = Link(
    _("Meetings"), "cases:meeting-list", may_see_meetings, pages=("cases:meeting-",), order=30
)


def register() -> None:
    register_link(MEETINGS)
