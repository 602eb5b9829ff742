"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from parties.navigation import Link

LINKS: list[Link] = []

# --- authorisation reviews (P4) and the policy evaluation (S5) ---
from django.utils.translation import gettext_lazy as _  # noqa: E402

from security.permissions import may_oversee, may_see_review, may_see_suspensions  # noqa: E402

LINKS += [
    Link(_("Authorisation reviews"), "security:review-list", may_see_review),
    Link(_("Suspended accounts"), "security:suspensions", may_see_suspensions),
    Link(_("Policy evaluation"), "security:policy-list", may_oversee),
]
