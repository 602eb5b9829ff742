"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from parties.navigation import Link

LINKS: list[Link] = []

# S2: the Logboek Dataverwerkingen export of the access log (security/views/logboek.py).
from django.utils.translation import gettext_lazy as _  # noqa: E402

from security.permissions import may_oversee  # noqa: E402

LINKS.append(Link(_("Logboek export"), "security:logboek", may_oversee))
