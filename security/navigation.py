"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link
from security.services.incidents import may_see_register

LINKS: list[Link] = [
    Link(_("Incidents"), "security:incident-list", may_see_register),
]
