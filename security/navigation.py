"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link
from security.permissions import may_oversee

LINKS: list[Link] = []

# S2: the access log, for who oversees a Veiligheidshuis.
LINKS.append(Link(_("Access log"), "security:access-log", may_oversee))
