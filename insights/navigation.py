"""Menu links of management information (U6) and the register of processing activities."""

from django.utils.translation import gettext_lazy as _

from insights.permissions import may_see_insights, may_see_register
from parties.navigation import Link

LINKS: list[Link] = [
    Link(
        _("Management information"),
        "insights:figures",
        may_see_insights,
        group="oversight",
        pages=("insights:figures",),
    ),
    Link(
        _("Register of processing activities"),
        "insights:register",
        may_see_register,
        group="oversight",
        pages=("insights:register", "insights:processing-activity"),
    ),
]
