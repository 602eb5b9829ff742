"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link
from security.permissions import may_oversee, may_see_review, may_see_suspensions
from security.services.incidents import may_see_register

LINKS: list[Link] = [
    Link(
        _("Incidents"),
        "security:incident-list",
        may_see_register,
        group="oversight",
        pages=("security:incident-",),
    ),
    Link(
        _("Access log"),
        "security:access-log",
        may_oversee,
        group="oversight",
        pages=("security:access-",),
    ),
    Link(
        _("Authorisation reviews"),
        "security:review-list",
        may_see_review,
        group="oversight",
        pages=("security:review-",),
    ),
    Link(
        _("Suspended accounts"),
        "security:suspensions",
        may_see_suspensions,
        group="oversight",
        pages=("security:suspension",),
    ),
    Link(
        _("Policy evaluation"),
        "security:policy-list",
        may_oversee,
        group="oversight",
        pages=("security:policy-",),
    ),
    Link(
        _("Logboek export"),
        "security:logboek",
        may_oversee,
        group="oversight",
        pages=("security:logboek",),
    ),
]
