"""Menu links of retention: "Bewaren" for who keeps a file."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link
from retention.permissions import may_see_retention

LINKS = [
    Link(
        _("Retention"),
        "retention:overview",
        may_see_retention,
        group="work",
        pages=("retention:",),
    )
]
